package org.losslandscape.pipeline.report;

import static org.losslandscape.pipeline.report.Html.escape;
import static org.losslandscape.pipeline.report.Html.integer;
import static org.losslandscape.pipeline.report.Html.number;
import static org.losslandscape.pipeline.report.PageParts.cell;
import static org.losslandscape.pipeline.report.PageParts.fact;

import java.util.List;
import java.util.Map;
import org.losslandscape.pipeline.report.Html.Style;
import org.losslandscape.pipeline.summary.DataFile;
import org.losslandscape.pipeline.summary.Summary;

/** Where the numbers come from: tool and TensorFlow versions, device, data and timings. */
final class ProvenanceSection {

  private ProvenanceSection() {}

  /** The section, as the page shows it. */
  static PageSection of(Summary s) {
    StringBuilder h = new StringBuilder("<dl class=\"facts\">");
    fact(h, "tool", escape(s.tool() + " " + s.version()));
    fact(
        h,
        "TensorFlow",
        escape(s.tensorflowVersion() + " (TensorFlow Java " + s.tensorflowJavaVersion() + ")"));
    fact(
        h,
        "device",
        escape(s.device())
            + " <span class=\"note\">("
            + escape(s.deviceReason())
            + "; asked for "
            + escape(s.deviceRequested())
            + (s.deviceFellBack() ? ", fell back to the CPU" : "")
            + ")</span>");
    if (s.threads() != null) {
      fact(
          h,
          "threads",
          integer("/threads/intra_op", (long) s.threads().intraOp())
              + " intra-op, "
              + integer("/threads/inter_op", (long) s.threads().interOp())
              + " inter-op");
    }
    if (s.weights() != null) {
      fact(h, "weights", "<code>" + escape(s.weights()) + "</code>");
    }
    if (s.data() != null) {
      fact(h, "data", escape(s.data().source()));
      fact(
          h,
          "examples",
          integer("/data/train_samples", (long) s.data().trainSamples())
              + " training, "
              + integer("/data/test_samples", (long) s.data().testSamples())
              + " test");
      fact(h, "data SHA-256", "<code>" + escape(s.data().sha256()) + "</code>");
      if (s.data().inputShape() != null && s.data().classes() != null) {
        fact(
            h,
            "input",
            escape(
                String.join("x", s.data().inputShape().stream().map(String::valueOf).toList())
                    + " (height x width x channels), "
                    + s.data().classes()
                    + " classes"));
      }
    }
    if (s.preprocessing() != null) {
      fact(
          h,
          "preprocessing",
          escape(s.preprocessing().formula())
              + ", mean "
              + number("/preprocessing/mean", s.preprocessing().mean(), Style.EXACT)
              + ", std "
              + number("/preprocessing/std", s.preprocessing().std(), Style.EXACT));
    }
    h.append("</dl>\n");
    if (s.data() != null && s.data().files() != null && !s.data().files().isEmpty()) {
      h.append("<h3>Data files</h3>\n<div class=\"table-wrap\"><table><thead><tr><th>file</th>")
          .append("<th class=\"n\">bytes</th><th>SHA-256</th></tr></thead><tbody>\n");
      for (int k = 0; k < s.data().files().size(); k++) {
        DataFile f = s.data().files().get(k);
        h.append("<tr><td>")
            .append(escape(f.name()))
            .append("</td>")
            .append(cell(integer("/data/files/" + k + "/bytes", f.bytes())))
            .append("<td><code>")
            .append(escape(f.sha256()))
            .append("</code></td></tr>\n");
      }
      h.append("</tbody></table></div>\n");
    }
    if (s.timingsSeconds() != null && !s.timingsSeconds().isEmpty()) {
      h.append("<h3>Time per stage</h3>\n<div class=\"table-wrap\"><table><thead><tr>")
          .append("<th>stage</th><th class=\"n\">seconds</th></tr></thead><tbody>\n");
      for (Map.Entry<String, Double> t : s.timingsSeconds().entrySet()) {
        h.append("<tr><td>")
            .append(escape(t.getKey()))
            .append("</td>")
            .append(
                cell(
                    number(
                        "/timings_seconds/" + Pointers.escape(t.getKey()),
                        t.getValue(),
                        Style.SECONDS)))
            .append("</tr>\n");
      }
      h.append("</tbody></table></div>\n");
    }
    return new PageSection("provenance", "Provenance", h.toString(), List.of());
  }
}
