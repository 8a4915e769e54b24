package org.losslandscape.pipeline;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.models.device.DeviceChoice;
import org.losslandscape.pipeline.config.Invocation;
import org.losslandscape.pipeline.config.Protocol;
import org.losslandscape.pipeline.config.StudySettings;
import org.losslandscape.pipeline.stages.LoadDataStage;
import org.losslandscape.pipeline.stages.ReportPageStage;
import org.losslandscape.pipeline.stages.ReportStage;
import org.losslandscape.pipeline.stages.StudyOutcome;
import org.losslandscape.pipeline.stages.TrainStage;
import org.losslandscape.pipeline.stages.VerdictStage;
import org.losslandscape.pipeline.verdict.VerdictRecords.ProtocolVerdict;
import org.losslandscape.pipeline.verdict.VerdictRecords.Verdict;

/**
 * The same study under several training protocols ({@code --protocols}): each protocol is a
 * complete study in its own sub-folder (its own summary.json, figures, VERDICT.md and report.html),
 * and the output folder gets the verdict across all of them (VERDICT.md, summary.json naming the
 * protocols, and a report.html that links to each protocol's page). Each protocol is wired on its
 * own, so each stage sees that protocol's budget.
 */
public final class ProtocolStudy {

  private static final Logger LOG = LogManager.getLogger(ProtocolStudy.class);

  private final StudySettings settings;
  private final DeviceChoice device;
  private final Invocation invocation;

  /**
   * @param settings the study's settings; each protocol replaces the budget and the output folder
   * @param device the device chosen before wiring
   * @param invocation the command line, quoted in the reports
   */
  public ProtocolStudy(StudySettings settings, DeviceChoice device, Invocation invocation) {
    this.settings = settings;
    this.device = device;
    this.invocation = invocation;
  }

  /** Runs every protocol, then writes the verdict across them; true when some run diverged. */
  public boolean run(List<Protocol> protocols) {
    List<StudyOutcome> outcomes = new ArrayList<>();
    Map<String, Double> seconds = new LinkedHashMap<>();
    List<Injector> wired = new ArrayList<>();
    for (Protocol p : protocols) {
      wired.add(
          Guice.createInjector(new PipelineModule(settings.forProtocol(p), device, invocation)));
    }
    // Every protocol's models train in one plan first, so that the lanes stay busy across them;
    // each protocol's study below then finds its models trained.
    long started = System.nanoTime();
    LOG.info("training the models of every protocol together");
    TrainStage.trainTogether(
        wired.stream().map(i -> i.getInstance(TrainStage.class)).toList(),
        wired.get(0).getInstance(LoadDataStage.class).run());
    seconds.put("train (every protocol)", (System.nanoTime() - started) / 1e9);
    for (int k = 0; k < protocols.size(); k++) {
      Protocol p = protocols.get(k);
      LOG.info("protocol {}: {}", p.name(), p.budget().describe());
      started = System.nanoTime();
      outcomes.add(wired.get(k).getInstance(StudyPipeline.class).run());
      seconds.put("protocol " + p.name(), (System.nanoTime() - started) / 1e9);
    }
    Injector top = Guice.createInjector(new PipelineModule(settings, device, invocation));
    List<ProtocolVerdict> blocks = outcomes.stream().map(StudyOutcome::verdict).toList();
    Verdict verdict = top.getInstance(VerdictStage.class).write(blocks);
    top.getInstance(ReportStage.class).writeProtocols(protocols, outcomes, verdict, seconds);
    top.getInstance(ReportPageStage.class).write();
    return outcomes.stream().anyMatch(o -> o.results().anyDiverged());
  }
}
