package org.losslandscape.pipeline.report;

import java.util.List;

/**
 * One section of the page and its entry in the table of contents.
 *
 * @param id the section's element id, the target of its link
 * @param title its heading and link text
 * @param html its content
 * @param children links to places inside it, listed under its entry
 */
record PageSection(String id, String title, String html, List<TocEntry> children) {

  /**
   * A link in the table of contents.
   *
   * @param id the target element's id
   * @param title the link text
   */
  record TocEntry(String id, String title) {}
}
