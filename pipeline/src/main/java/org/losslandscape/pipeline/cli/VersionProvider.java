package org.losslandscape.pipeline.cli;

import org.losslandscape.pipeline.results.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the tool's and TensorFlow Java's versions, as recorded by the build (the
 * TensorFlow runtime's own version is in summary.json; loading it takes seconds).
 */
public final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    BuildInfo build = BuildInfo.current();
    return new String[] {
      "loss-landscape "
          + build.version()
          + " (TensorFlow Java "
          + build.tensorflowJavaVersion()
          + ")"
    };
  }
}
