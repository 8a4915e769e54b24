package org.losslandscape.models.sharpness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.losslandscape.models.landscape.PlaneFunction;

/** The disk maximum against closed forms and against a very fine grid. */
class DiskMaximumTest {

  private static final List<Double> RADII = List.of(0.1, 0.25, 0.5, 1.0);

  @Test
  void anAnisotropicBowlPeaksOnTheCircleAlongItsSteepAxis() {
    // f = 0.3 + a^2 + 4 b^2: on the circle of radius eps the largest value is 4 eps^2 at b = eps.
    List<DiskMaximum.Result> r =
        DiskMaximum.of(
            (a, b) -> {
              double[] v = new double[a.length];
              for (int i = 0; i < v.length; i++) {
                v[i] = 0.3 + a[i] * a[i] + 4 * b[i] * b[i];
              }
              return v;
            },
            RADII);
    for (int k = 0; k < RADII.size(); k++) {
      double eps = RADII.get(k);
      assertThat(r.get(k).epsilon()).isEqualTo(eps);
      assertThat(r.get(k).increase()).isCloseTo(4 * eps * eps, within(1e-6 * eps * eps));
      assertThat(Math.abs(r.get(k).b())).isCloseTo(eps, within(1e-3 * eps));
    }
  }

  @Test
  void anInteriorPeakIsFound() {
    // A narrow bump at (0.2, 0.1) on a falling plane: the maximum of the 0.5-disk is inside it.
    PlaneFunction f =
        (a, b) -> {
          double[] v = new double[a.length];
          for (int i = 0; i < v.length; i++) {
            v[i] = bump(a[i], b[i]);
          }
          return v;
        };
    DiskMaximum.Result r = DiskMaximum.of(f, List.of(0.5)).get(0);
    double fine = fineGridMaximum(DiskMaximumTest::bump, 0.5);
    assertThat(r.increase()).isCloseTo(fine, within(1e-3 * fine));
    assertThat(r.a()).isCloseTo(0.2, within(0.01));
  }

  private static double bump(double a, double b) {
    return -(a * a + b * b)
        + 0.5 * Math.exp(-((a - 0.2) * (a - 0.2) + (b - 0.1) * (b - 0.1)) / 0.02);
  }

  @Property(tries = 60)
  void onSmoothSlicesItIsWithinOneThousandthOfAVeryFineGrid(@ForAll long seed) {
    // A bowl plus low-frequency waves, like a loss surface seen at these radii.
    Random random = new Random(seed);
    double qa = 0.5 + 4 * random.nextDouble();
    double qb = 0.5 + 4 * random.nextDouble();
    double qab = random.nextDouble() - 0.5;
    double[][] waves = new double[4][4]; // amplitude, wa, wb, phase
    for (double[] w : waves) {
      w[0] = 0.3 * random.nextDouble();
      w[1] = 3 * random.nextGaussian();
      w[2] = 3 * random.nextGaussian();
      w[3] = 2 * Math.PI * random.nextDouble();
    }
    Surface s =
        (a, b) -> {
          double v = qa * a * a + qb * b * b + qab * a * b;
          for (double[] w : waves) {
            v += w[0] * Math.cos(w[1] * a + w[2] * b + w[3]);
          }
          return v;
        };
    // As the landscape stage calls it: the slice's 31 x 31 grid over [-1, 1] is known.
    List<double[]> grid = new java.util.ArrayList<>();
    for (int i = 0; i < 31; i++) {
      for (int j = 0; j < 31; j++) {
        double a = -1 + 2.0 * i / 30;
        double b = -1 + 2.0 * j / 30;
        grid.add(new double[] {a, b, s.at(a, b)});
      }
    }
    List<DiskMaximum.Result> found =
        DiskMaximum.of(
            (a, b) -> {
              double[] v = new double[a.length];
              for (int i = 0; i < v.length; i++) {
                v[i] = s.at(a[i], b[i]);
              }
              return v;
            },
            RADII,
            grid);
    for (int k = 0; k < RADII.size(); k++) {
      double eps = RADII.get(k);
      double fine = fineGridMaximum(s, eps);
      DiskMaximum.Result r = found.get(k);
      assertThat(r.increase())
          .as("eps %s", eps)
          .isCloseTo(fine, within(1e-3 * Math.max(1, Math.abs(fine))));
      // The answer is a value of the function at a point of the disk, never an extrapolation.
      assertThat(Math.hypot(r.a(), r.b())).isLessThanOrEqualTo(eps * (1 + 1e-12));
      assertThat(r.increase()).isEqualTo(s.at(r.a(), r.b()) - s.at(0, 0));
    }
  }

  @Test
  void aPointThatIsNotFiniteMakesTheDiskInfinite() {
    DiskMaximum.Result r =
        DiskMaximum.of(
                (a, b) -> {
                  double[] v = new double[a.length];
                  for (int i = 0; i < v.length; i++) {
                    v[i] = Math.hypot(a[i], b[i]) > 0.4 ? Double.NaN : a[i];
                  }
                  return v;
                },
                List.of(0.25, 0.5))
            .get(1);
    assertThat(r.increase()).isInfinite();
  }

  @Property(tries = 40)
  void noPointIsEvaluatedTwiceAndTheSearchVisitsThemAgainForFree(@ForAll long seed) {
    // On a bowl the searches sit on the circle and propose their own point again: a third of the
    // points a search visits it has seen before, and the function must not see them again.
    Random random = new Random(seed);
    double qa = 0.5 + 4 * random.nextDouble();
    double qb = 0.5 + 4 * random.nextDouble();
    double wave = random.nextDouble();
    java.util.Set<List<Double>> asked = new java.util.HashSet<>();
    int[] calls = {0};
    PlaneFunction f =
        (a, b) -> {
          double[] v = new double[a.length];
          for (int i = 0; i < v.length; i++) {
            assertThat(asked.add(List.of(a[i] + 0.0, b[i] + 0.0)))
                .as("(%s, %s) asked again", a[i], b[i])
                .isTrue();
            v[i] = qa * a[i] * a[i] + qb * b[i] * b[i] + 0.2 * Math.sin(3 * a[i] + wave);
            calls[0]++;
          }
          return v;
        };
    List<DiskMaximum.Result> results = DiskMaximum.of(f, RADII);
    int visited = results.stream().mapToInt(DiskMaximum.Result::evaluations).sum() + 1;
    assertThat(calls[0]).isLessThan(visited * 9 / 10);
    // The values are the function's: the largest increase is a value it returned.
    for (DiskMaximum.Result r : results) {
      double at = qa * r.a() * r.a() + qb * r.b() * r.b() + 0.2 * Math.sin(3 * r.a() + wave);
      double centre = 0.2 * Math.sin(wave);
      assertThat(r.increase()).isEqualTo(at - centre);
    }
  }

  interface Surface {
    double at(double a, double b);
  }

  /**
   * Max over a 1201 x 1201 grid restricted to the disk and 20,000 points on its circle (the grid
   * alone stops short of the circle, where a bowl's maximum lies), minus f(0, 0).
   */
  private static double fineGridMaximum(Surface f, double eps) {
    int n = 1201;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double a = -eps + 2 * eps * i / (n - 1);
        double b = -eps + 2 * eps * j / (n - 1);
        if (a * a + b * b <= eps * eps) {
          max = Math.max(max, f.at(a, b));
        }
      }
    }
    int circle = 20_000;
    for (int k = 0; k < circle; k++) {
      double t = 2 * Math.PI * k / circle;
      max = Math.max(max, f.at(eps * Math.cos(t), eps * Math.sin(t)));
    }
    return max - f.at(0, 0);
  }
}
