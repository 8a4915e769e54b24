package org.losslandscape.pipeline.plot;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the landscape figures of a study are composed: which panels, titles, colour scales and
 * layouts. The study draws them from its grids and {@code loss-landscape report} draws them again
 * from the saved arrays; both come here, so the redrawn figures are the study's by construction.
 * Each method returns its figures by file name (relative to the output folder), in drawing order.
 */
public final class LandscapeFigureSet {

  private LandscapeFigureSet() {}

  /**
   * The figures that put every recipe side by side: {@code surface_3d.png}, {@code contour.png} and
   * {@code comparison.png}, on one colour scale.
   *
   * @param plain one panel per recipe, titled with its name
   * @param annotated the same panels titled with accuracy and sharpness, for the comparison
   * @param setting what was sliced ("filter directions, 2048 train samples"), for the titles
   * @param logScale a logarithmic colour scale
   */
  public static Map<String, BufferedImage> sideBySide(
      List<SurfaceData> plain, List<SurfaceData> annotated, String setting, boolean logScale) {
    ColorScale shared = ColorScale.shared(plain, logScale);
    int cols = plain.size() == 4 ? 2 : Math.min(plain.size(), 3);
    Map<String, BufferedImage> figures = new LinkedHashMap<>();
    figures.put(
        "surface_3d.png",
        PanelFigure.grid(
            "Loss surface around each minimum — " + setting,
            plain,
            cols,
            shared,
            PanelKind.SURFACE_3D));
    figures.put(
        "contour.png",
        PanelFigure.grid(
            "Loss contours around each minimum (shared levels) — " + setting,
            plain,
            cols,
            shared,
            PanelKind.CONTOUR));
    figures.put(
        "comparison.png",
        PanelFigure.grid(
            "Which minimum is flatter? One colour scale — " + setting,
            annotated,
            cols,
            shared,
            PanelKind.CONTOUR));
    return figures;
  }

  /**
   * One model's slice along the same directions with batch norm in each mode, side by side on one
   * colour scale: {@code bn_modes.png} (contours) and {@code bn_modes_3d.png}.
   *
   * @param panels one panel per mode, titled with it
   * @param setting what was sliced, for the titles
   * @param logScale a logarithmic colour scale
   */
  public static Map<String, BufferedImage> batchNormModes(
      List<SurfaceData> panels, String setting, boolean logScale) {
    ColorScale shared = ColorScale.shared(panels, logScale);
    Map<String, BufferedImage> figures = new LinkedHashMap<>();
    figures.put(
        "bn_modes.png",
        PanelFigure.grid(
            "One minimum, three ways to evaluate batch norm (one colour scale) — " + setting,
            panels,
            panels.size(),
            shared,
            PanelKind.CONTOUR));
    figures.put(
        "bn_modes_3d.png",
        PanelFigure.grid(
            "One minimum, three ways to evaluate batch norm — " + setting,
            panels,
            panels.size(),
            shared,
            PanelKind.SURFACE_3D));
    return figures;
  }

  /**
   * One model's figures in its folder: {@code surface_3d.png}, {@code contour.png} and {@code
   * slices_1d.png} (the two lines through the trained weights).
   *
   * @param folder the model's folder, which also names it in the figure titles
   * @param slice the model's slice, titled with what was sliced and its key numbers
   * @param centre the index of the trained weights along both axes
   * @param logScale a logarithmic colour scale
   */
  public static Map<String, BufferedImage> perModel(
      String folder, SurfaceData slice, int centre, boolean logScale) {
    ColorScale own = ColorScale.shared(List.of(slice), logScale);
    String dir = folder + "/";
    Map<String, BufferedImage> figures = new LinkedHashMap<>();
    figures.put(
        dir + "surface_3d.png",
        PanelFigure.grid(folder + " — loss surface", List.of(slice), 1, own, PanelKind.SURFACE_3D));
    figures.put(
        dir + "contour.png",
        PanelFigure.grid(folder + " — loss contours", List.of(slice), 1, own, PanelKind.CONTOUR));
    figures.put(dir + "slices_1d.png", oneDimensionalSlices(folder, slice, centre));
    return figures;
  }

  private static BufferedImage oneDimensionalSlices(String folder, SurfaceData slice, int centre) {
    double[][] z = slice.z();
    int n = z.length;
    double[] alongD1 = new double[n];
    double[] alongD2 = new double[n];
    for (int i = 0; i < n; i++) {
      alongD1[i] = z[i][centre];
      alongD2[i] = z[centre][i];
    }
    Map<String, double[]> series = new LinkedHashMap<>();
    series.put("along d1 (β = 0)", alongD1);
    series.put("along d2 (α = 0)", alongD2);
    return SliceLinePlot.render(
        folder + " — 1-D slices through the trained weights",
        "step along the direction (direction units)",
        "loss (mean cross-entropy, nats)",
        slice.alpha(),
        series,
        1200,
        800);
  }

  /**
   * {@code sharpness.png}: slice sharpness per recipe, one panel per radius.
   *
   * @param recipes the recipes, one bar each
   * @param radii the panels' labels ("ε = 0.5")
   * @param mean {@code mean[recipe][radius]}
   * @param halfWidth the 95% intervals' half widths alike, or null when no value has one
   * @param over what the intervals are over, for the subtitle (unused without intervals)
   */
  public static BufferedImage sharpness(
      List<String> recipes,
      List<String> radii,
      double[][] mean,
      double[][] halfWidth,
      String over) {
    String bars =
        halfWidth != null
            ? "Bars: mean ± 95% interval over " + over
            : "Bars: one direction pair, one seed (use --direction-pairs or --seeds for error bars)";
    // The slice is centred on the trained weights, so L(0, 0) is their loss on the slice samples.
    return SharpnessBarChart.render(
        "Slice sharpness S(ε) = max of L(α, β) − L(0, 0) over √(α² + β²) ≤ ε",
        bars + "; one panel per ε, each with its own y axis",
        recipes,
        radii,
        mean,
        halfWidth,
        "loss increase (nats)",
        1600,
        900);
  }

  /**
   * {@code raw_vs_filter.png}: one model sliced along the same random draw, raw and
   * filter-normalized.
   *
   * @param recipe the model's recipe, for the panel titles
   * @param raw the slice along the raw directions (its title is replaced)
   * @param filtered the slice along the filter-normalized directions (its title is replaced)
   */
  public static BufferedImage rawVersusFilter(
      String recipe, SurfaceData raw, SurfaceData filtered) {
    List<SurfaceData> panels =
        List.of(
            retitled(raw, recipe + " — raw Gaussian directions"),
            retitled(filtered, recipe + " — filter-normalized directions"));
    // Raw directions reach losses orders of magnitude higher: only a log scale shows both panels.
    return PanelFigure.grid(
        "Same model, same random draw: raw vs filter-normalized directions (log colour scale)",
        panels,
        2,
        ColorScale.shared(panels, true),
        PanelKind.CONTOUR);
  }

  private static SurfaceData retitled(SurfaceData s, String title) {
    return new SurfaceData(title, s.alpha(), s.beta(), s.z());
  }
}
