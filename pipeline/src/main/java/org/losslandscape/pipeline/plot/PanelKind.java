package org.losslandscape.pipeline.plot;

/** How each panel of a {@link PanelFigure} shows its surface. */
public enum PanelKind {
  /** A 3-D mesh seen from above at an angle ({@link SurfaceRenderer}). */
  SURFACE_3D,
  /** A filled field from straight above with labelled iso-lines ({@link ContourRenderer}). */
  CONTOUR
}
