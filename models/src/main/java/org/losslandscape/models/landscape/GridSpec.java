package org.losslandscape.models.landscape;

/**
 * The square grid of slice coordinates: {@code size} evenly spaced values from {@code min} to
 * {@code max} on both axes. An odd size symmetric about 0 puts the trained weights on the centre
 * point, so the centre of every landscape is exactly the trained loss.
 *
 * @param size points per axis, odd and >= 3
 * @param min  smallest coordinate, in direction units
 * @param max  largest coordinate, in direction units
 */
public record GridSpec(int size, double min, double max) {

    public GridSpec {
        if (size < 3 || size % 2 == 0) {
            throw new IllegalArgumentException("--grid-size must be an odd integer >= 3, got " + size);
        }
        if (!(min < max) || Double.isInfinite(min) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("--range must be MIN:MAX with MIN < MAX, got " + min + ":" + max);
        }
    }

    /** The coordinates, {@code coords[i] = min + i (max - min) / (size - 1)}. */
    public double[] coordinates() {
        double[] c = new double[size];
        for (int i = 0; i < size; i++) {
            c[i] = min + i * (max - min) / (size - 1);
        }
        // Pin the middle point of a symmetric range to an exact 0.0 (float rounding of min + i*step).
        if (min == -max) {
            c[size / 2] = 0.0;
        }
        return c;
    }

    /** Index of the point nearest 0 on each axis (the centre for a symmetric range). */
    public int centreIndex() {
        double[] c = coordinates();
        int best = 0;
        for (int i = 1; i < size; i++) {
            if (Math.abs(c[i]) < Math.abs(c[best])) {
                best = i;
            }
        }
        return best;
    }
}
