package org.losslandscape.pipeline.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.losslandscape.pipeline.io.AtomicFiles;

/** Writes {@code report.html} into a results folder, from that folder's files. */
public final class HtmlReport {

  /** The page's file name in the results folder. */
  public static final String FILE = "report.html";

  private static final Logger LOG = LogManager.getLogger(HtmlReport.class);

  private HtmlReport() {}

  /**
   * Reads {@code results} and writes its page there, atomically; returns the page's path. A folder
   * that is not a results folder, or whose files are corrupt, is a one-line {@code
   * ResultsException}.
   */
  public static Path write(Path results) {
    ReportContent content = ReportContent.read(ResultsFolder.open(results));
    byte[] page = ReportPage.render(content).getBytes(StandardCharsets.UTF_8);
    Path target = results.resolve(FILE);
    AtomicFiles.write(target, page);
    LOG.info(
        "wrote {} ({} MB): open it in a browser, it needs no network",
        target,
        String.format(Locale.ROOT, "%.1f", page.length / 1e6));
    return target;
  }
}
