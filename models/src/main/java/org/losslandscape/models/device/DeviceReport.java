package org.losslandscape.models.device;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Loader;
import org.tensorflow.TensorFlow;

/**
 * Prints which device each {@code --device} request would get on this machine, and why. Run it with
 * {@code java -cp loss-landscape.jar org.losslandscape.models.device.DeviceReport}. It also loads
 * TensorFlow, which unpacks the natives into JavaCPP's cache; the Docker images run it at build
 * time so that containers start without that step.
 */
public final class DeviceReport {

  private DeviceReport() {}

  /**
   * Prints the report to standard output.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    report(DeviceProbe.forThisMachine()).forEach(System.out::println);
  }

  /**
   * Builds the report lines: TensorFlow version and loaded natives, the facts, and the log line of
   * each request.
   *
   * @param probe the probe to ask
   * @return the lines
   */
  static List<String> report(DeviceProbe probe) {
    List<String> lines = new ArrayList<>();
    // Loading TensorFlow first makes the report show the natives that actually run.
    lines.add("TensorFlow " + TensorFlow.version());
    lines.add("natives: " + Loader.getLoadedLibraries().get("jnitensorflow"));
    DeviceFacts facts = probe.probe();
    lines.add(
        "facts: gpuNativesPresent="
            + facts.gpuNativesPresent()
            + " cudaLibrariesFound="
            + facts.cudaLibrariesFound()
            + " gpuVisible="
            + facts.gpuVisible());
    lines.add("detail: " + facts.detail());
    for (DeviceRequest request : List.of(DeviceRequest.AUTO, DeviceRequest.CUDA)) {
      lines.add(DeviceSelector.choose(request, false, facts).logLine(request));
    }
    return lines;
  }
}
