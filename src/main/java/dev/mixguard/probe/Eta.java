package dev.mixguard.probe;

/**
 * The Square attack's L2 patch, as AutoAttack's {@code eta} and {@code eta_rectangles}.
 *
 * <p>Nested rectangles weighted 1/(k+1)^2, positive on the top half, negative on the bottom, unit L2 norm.
 */
final class Eta {

    private Eta() {
    }

    /** The {@code side x side} patch, row-major, transposed when {@code transpose} (AutoAttack's coin flip). */
    static double[] pattern(int side, boolean transpose) {
        int upper = side / 2;
        double[] top = rectangles(upper, side);
        double[] bottom = rectangles(side - upper, side);
        double[] patch = new double[side * side];
        System.arraycopy(top, 0, patch, 0, top.length);
        for (int i = 0; i < bottom.length; i++) {
            patch[top.length + i] = -bottom[i];
        }
        scaleToUnit(patch);
        return transpose ? transposed(patch, side) : patch;
    }

    /**
     * An {@code rows x cols} block of concentric rectangles centred at (rows/2, cols/2): rectangle k (k = 0, 1, ...)
     * spans 2k+1 cells each way, clipped to the block, and adds 1/(k+1)^2. Scaled to unit L2 norm.
     */
    static double[] rectangles(int rows, int cols) {
        double[] block = new double[rows * cols];
        int centreRow = rows / 2 + 1;
        int centreCol = cols / 2 + 1;
        int startRow = centreRow - 1;
        int startCol = centreCol - 1;
        for (int k = 0; k < Math.max(centreRow, centreCol); k++) {
            double weight = 1.0 / ((k + 1.0) * (k + 1.0));
            int rowEnd = Math.min(startRow + 2 * k + 1, rows);
            int colEnd = Math.min(startCol + 2 * k + 1, cols);
            for (int r = Math.max(startRow, 0); r < rowEnd; r++) {
                for (int c = Math.max(startCol, 0); c < colEnd; c++) {
                    block[r * cols + c] += weight;
                }
            }
            startRow--;
            startCol--;
        }
        scaleToUnit(block);
        return block;
    }

    private static void scaleToUnit(double[] v) {
        double norm = Pixels.norm(v);
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= norm;
            }
        }
    }

    private static double[] transposed(double[] patch, int side) {
        double[] out = new double[patch.length];
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                out[c * side + r] = patch[r * side + c];
            }
        }
        return out;
    }
}
