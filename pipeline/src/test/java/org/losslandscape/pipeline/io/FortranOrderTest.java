package org.losslandscape.pipeline.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The Fortran-to-C walk against the definition of both orders, computed index by index. */
class FortranOrderTest {

  @Test
  void twoByThreeMatrixVisitsColumnMajorPositionsRowByRow() {
    FortranOrder walk = new FortranOrder(new int[] {2, 3});

    int[] visited = new int[6];
    for (int i = 0; i < visited.length; i++) {
      visited[i] = walk.next();
    }

    // C element (r, c) sits at r + 2c in a column-major file.
    assertThat(visited).containsExactly(0, 2, 4, 1, 3, 5);
  }

  @Property(tries = 500)
  void everyCIndexMapsToItsFortranPosition(@ForAll("shapes") List<Integer> dimensions) {
    int[] shape = dimensions.stream().mapToInt(Integer::intValue).toArray();
    int count = dimensions.stream().reduce(1, (a, b) -> a * b);
    FortranOrder walk = new FortranOrder(shape);

    for (int c = 0; c < count; c++) {
      assertThat(walk.next()).as("C index %d", c).isEqualTo(fortranPosition(shape, c));
    }
  }

  @Property(tries = 200)
  void theWalkIsAPermutation(@ForAll("shapes") List<Integer> dimensions) {
    int[] shape = dimensions.stream().mapToInt(Integer::intValue).toArray();
    int count = dimensions.stream().reduce(1, (a, b) -> a * b);
    FortranOrder walk = new FortranOrder(shape);

    boolean[] seen = new boolean[count];
    for (int c = 0; c < count; c++) {
      seen[walk.next()] = true;
    }

    assertThat(seen).doesNotContain(false);
  }

  /** Ranks 0 to 5, dimensions 1 to 5 (the walk is only used for non-empty arrays). */
  @Provide
  Arbitrary<List<Integer>> shapes() {
    return Arbitraries.integers().between(1, 5).list().ofMaxSize(5);
  }

  /**
   * The slow way: split the C index into a multi-index (last axis fastest), then combine it with
   * Fortran strides (first axis fastest).
   */
  private static int fortranPosition(int[] shape, int cIndex) {
    int[] index = new int[shape.length];
    int rest = cIndex;
    for (int axis = shape.length - 1; axis >= 0; axis--) {
      index[axis] = rest % shape[axis];
      rest /= shape[axis];
    }
    int position = 0;
    int stride = 1;
    for (int axis = 0; axis < shape.length; axis++) {
      position += index[axis] * stride;
      stride *= shape[axis];
    }
    return position;
  }
}
