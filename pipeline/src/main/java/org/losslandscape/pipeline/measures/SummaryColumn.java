package org.losslandscape.pipeline.measures;

import java.util.Optional;
import java.util.function.Function;
import org.losslandscape.pipeline.summary.IntervalSummary;

/**
 * One column of the report's table of measures: its heading (HTML) and, from a measure's summary
 * section, its cell.
 *
 * @param heading the column heading, as HTML
 * @param cell the cell of one run's section (empty: the section lacks it)
 * @param <S> the section type
 */
public record SummaryColumn<S>(String heading, Function<S, Optional<Cell>> cell) {

  /**
   * One cell: a number or an interval at a JSON path below the section (e.g. {@code trace}), with a
   * one-line definition the table's note quotes.
   */
  public sealed interface Cell {
    /** The path below the section, e.g. {@code sam/value}. */
    String path();

    /** The definition the note under the table quotes, with its name, or null. */
    String definition();
  }

  /** A single number. */
  public record NumberCell(String path, Double value, String definition) implements Cell {}

  /** A mean with its 95% interval. */
  public record IntervalCell(String path, IntervalSummary interval, String definition)
      implements Cell {}
}
