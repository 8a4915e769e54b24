package org.losslandscape.models.interpolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The values of t: evenly spaced, and always holding both minima. */
class InterpolationRangeTest {

  @Test
  void theDefaultIsGoodfellowsRangeInStepsOfATwentieth() {
    double[] t = InterpolationRange.defaults().values();
    assertThat(t).hasSize(41);
    assertThat(t[0]).isEqualTo(-0.5);
    assertThat(t[10]).isEqualTo(0.0);
    assertThat(t[30]).isEqualTo(1.0);
    assertThat(t[40]).isEqualTo(1.5);
  }

  @Test
  void zeroAndOneAreAddedWhenTheSpacingMissesThem() {
    // -1..2 in 5 points: -1, -0.25, 0.5, 1.25, 2; plus 0 and 1.
    assertThat(new InterpolationRange(-1, 2, 5).values())
        .containsExactly(-1, -0.25, 0, 0.5, 1, 1.25, 2);
    assertThat(new InterpolationRange(0, 1, 3).values()).containsExactly(0, 0.5, 1);
  }

  @Test
  void refusesRangesThatLeaveOutAMinimum() {
    assertThatThrownBy(() -> new InterpolationRange(0.1, 1, 5))
        .hasMessageStartingWith("interpolation range must be finite and include both minima");
    assertThatThrownBy(() -> new InterpolationRange(-1, 0.9, 5))
        .hasMessageStartingWith("interpolation range");
    assertThatThrownBy(() -> new InterpolationRange(-1, 2, 2))
        .hasMessage("interpolation points must be >= 3, got 2");
  }

  @Property(tries = 300)
  void valuesAreSortedInsideTheRangeAndHoldBothEnds(
      @ForAll @DoubleRange(min = -3, max = 0) double from,
      @ForAll @DoubleRange(min = 1, max = 4) double to,
      @ForAll @IntRange(min = 3, max = 200) int points) {
    double[] t = new InterpolationRange(from, to, points).values();
    assertThat(t[0]).isEqualTo(from == 0 ? 0.0 : from);
    assertThat(t[t.length - 1]).isEqualTo(to);
    assertThat(t).contains(0.0, 1.0);
    assertThat(t.length).isBetween(points, points + 2);
    for (int i = 1; i < t.length; i++) {
      assertThat(t[i]).isGreaterThan(t[i - 1]);
    }
  }
}
