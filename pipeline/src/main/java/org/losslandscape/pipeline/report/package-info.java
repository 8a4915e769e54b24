/**
 * The interactive report: one self-contained {@code report.html} per results folder, read from the
 * folder's files (summary.json as typed records, the slices' {@code .npy} arrays, {@code
 * training.csv}, {@code VERDICT.md} and the PNG figures) and drawn in the browser with the vendored
 * plotly.js. The study writes it at the end of a run; {@code loss-landscape report} writes it again
 * from an existing folder without recomputing anything.
 */
package org.losslandscape.pipeline.report;
