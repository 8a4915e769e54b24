package org.losslandscape.pipeline.cli;

import com.google.inject.Guice;
import org.losslandscape.pipeline.PipelineModule;
import org.losslandscape.pipeline.config.StudySettings;

/** How a command that runs one part of a study wires it: one place, so the commands agree. */
final class CommandSetup {

  private CommandSetup() {}

  /**
   * The pipeline {@code type} wired for {@code settings}, on the device they ask for (chosen, and
   * logged, before anything is built).
   */
  static <T> T wired(StudySettings settings, Class<T> type) {
    return Guice.createInjector(
            new PipelineModule(settings, PipelineModule.chooseDevice(settings.device())))
        .getInstance(type);
  }
}
