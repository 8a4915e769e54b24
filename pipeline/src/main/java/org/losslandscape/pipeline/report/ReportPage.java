package org.losslandscape.pipeline.report;

import static org.losslandscape.pipeline.report.Html.escape;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.losslandscape.pipeline.results.Json;
import org.losslandscape.pipeline.summary.LandscapeSummary;
import org.losslandscape.pipeline.summary.Summary;

/**
 * Renders {@code report.html}: a small HTML template ({@code page.html}, {@code page.css}, {@code
 * page.js} beside this class) filled with the sections written here, the page data as JSON, and the
 * vendored plotly.js. Every number shown comes from summary.json and carries the JSON pointer of
 * its field.
 */
public final class ReportPage {

  /** The largest page the default study may produce (the task's budget). */
  public static final long BUDGET_BYTES = 8L * 1024 * 1024;

  private ReportPage() {}

  /**
   * The page of {@code content}. PNG figures are embedded in order while the page stays within
   * {@link #BUDGET_BYTES}; any that would not fit are linked instead (they sit next to the page).
   */
  public static String render(ReportContent content) {
    List<EmbeddedFigure> embedded = new ArrayList<>();
    long size = utf8Length(page(content, List.of()));
    for (EmbeddedFigure f : content.figures()) {
      if (size + f.pageCharacters() + 1024 <= BUDGET_BYTES) {
        embedded.add(f);
        size += f.pageCharacters() + 1024;
      }
    }
    return page(content, embedded);
  }

  private static String page(ReportContent content, List<EmbeddedFigure> embedded) {
    Summary s = content.summary();
    PageData data = PageData.of(content);
    List<PageSection> sections = new ArrayList<>();
    sections.add(VerdictSection.of(content));
    if (content.folder().protocolIndex()) {
      sections.add(ProtocolsSection.of(content));
    } else {
      sections.add(NumbersSection.of(content));
      sections.add(SurfacesSection.of(content, data.zRange()));
      sections.add(SharpnessSection.of(content, data));
      sections.add(TrainingSection.of(content));
    }
    sections.add(FiguresSection.of(content, embedded));
    sections.add(SettingsSection.of(s));
    sections.add(ProvenanceSection.of(s));

    StringBuilder toc = new StringBuilder("<ol>\n");
    StringBuilder body = new StringBuilder();
    for (PageSection section : sections) {
      toc.append("<li><a href=\"#")
          .append(section.id())
          .append("\">")
          .append(escape(section.title()))
          .append("</a>");
      if (!section.children().isEmpty()) {
        toc.append("<ol>");
        for (PageSection.TocEntry child : section.children()) {
          toc.append("<li><a href=\"#")
              .append(child.id())
              .append("\">")
              .append(escape(child.title()))
              .append("</a></li>");
        }
        toc.append("</ol>");
      }
      toc.append("</li>\n");
      body.append("<section id=\"")
          .append(section.id())
          .append("\">\n<h2>")
          .append(escape(section.title()))
          .append("</h2>\n")
          .append(section.html())
          .append("</section>\n");
    }
    toc.append("</ol>");

    Map<String, String> values = new LinkedHashMap<>();
    values.put("title", escape(title(s)));
    values.put("lede", lede(content));
    values.put("toc", toc.toString());
    values.put("sections", body.toString());
    values.put("css", resource("page.css"));
    values.put("data", scriptSafeJson(data));
    // A page without plots (a multi-protocol index) does without the 4.8 MB of plotly.js.
    values.put("credits", credits(s, data.hasPlots()));
    values.put("plotly", data.hasPlots() ? plotlyScript() : "");
    values.put("script", resource("page.js"));
    return Template.fill(resource("page.html"), values);
  }

  private static String credits(Summary s, boolean plots) {
    return "Written by loss-landscape "
        + escape(s.version())
        + (plots
            ? "; plots drawn with plotly.js "
                + PlotlyBundle.VERSION
                + " (MIT licence, inlined below)."
            : ".");
  }

  /** plotly.js in a script element, after its licence (in a comment, which may not hold "--"). */
  private static String plotlyScript() {
    return "<!--\nplotly.js "
        + PlotlyBundle.VERSION
        + ", from the npm package plotly.js-dist-min:\n"
        + escape(PlotlyBundle.licence()).replace("--", "- -")
        + "\n-->\n<script>\n"
        + PlotlyBundle.script()
        + "\n</script>";
  }

  private static String title(Summary s) {
    if (s.protocols() != null && !s.protocols().isEmpty()) {
      return "Loss-landscape study under " + s.protocols().size() + " training protocols";
    }
    return s.weights() != null
        ? "Loss landscape of " + s.configs().get(0).name()
        : "Loss-landscape study: " + s.configs().size() + " recipes";
  }

  private static String lede(ReportContent content) {
    Summary s = content.summary();
    StringBuilder p = new StringBuilder("<p class=\"lede\">");
    if (content.folder().protocolIndex()) {
      p.append("The same recipes trained under each protocol, each a complete study with its own")
          .append(" page; below, the verdict across them.");
    } else if (s.weights() != null) {
      p.append("Weights from <code>").append(escape(s.weights())).append("</code>, ");
    } else {
      p.append(escape(String.join(", ", content.recipes().stream().map(r -> r.name()).toList())))
          .append(s.training() == null ? "" : ", trained for " + s.training().budgetDescription())
          .append(s.seeds() != null && s.seeds() > 1 ? " with " + s.seeds() + " seeds each" : "")
          .append("; ");
    }
    LandscapeSummary l = PageParts.firstLandscape(s);
    if (l != null) {
      p.append(
          escape(
              String.format(
                  Locale.ROOT,
                  "sliced on a %d×%d grid along %s-normalized directions, %d %s samples per point",
                  l.gridSize(),
                  l.gridSize(),
                  l.normalization(),
                  l.samples(),
                  l.split())));
    }
    p.append(". Architecture ")
        .append(escape(s.model().architecture()))
        .append(", device ")
        .append(escape(s.device()))
        .append(".</p>\n<p id=\"render-status\">Drawing the plots…</p>");
    return p.toString();
  }

  /**
   * The page data as JSON that is safe inside a {@code <script>} element: {@code </} could end the
   * element early, so it is written {@code <\/} (the same string to a JSON parser).
   */
  static String scriptSafeJson(Object value) {
    return Json.text(value).replace("</", "<\\/");
  }

  private static long utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static String resource(String name) {
    try (InputStream in = ReportPage.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the jar; rebuild it");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
