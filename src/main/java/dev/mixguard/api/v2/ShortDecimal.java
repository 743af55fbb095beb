package dev.mixguard.api.v2;

/**
 * Reads the decimals tensors are mostly made of, such as {@code 0.647059}, straight from Jackson's token text:
 * when the digits form an integer below 2^24 and at most 10 follow the point, both that integer and the power of
 * ten are exact floats, so one float division rounds the exact quotient once, giving the very float
 * {@code Float.parseFloat} gives (Clinger's fast path). Anything else (an exponent, more digits) is left to
 * Jackson. Profiling showed the general conversion as the largest cost of a v2 JSON request.
 */
final class ShortDecimal {

    private static final float[] POWERS = {1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f};
    private static final int LIMIT = 1 << 24;

    private ShortDecimal() {
    }

    /**
     * The float nearest to the JSON number in {@code chars[offset, offset + length)} when it has the form
     * {@code [-]digits[.digits]} with digits below 2^24 and at most 10 after the point; NaN otherwise.
     */
    static float parse(char[] chars, int offset, int length) {
        int end = offset + length;
        int i = offset;
        boolean negative = i < end && chars[i] == '-';
        if (negative) {
            i++;
        }
        int digits = 0;
        int scale = -1;
        for (; i < end; i++) {
            char c = chars[i];
            if (c >= '0' && c <= '9') {
                digits = digits * 10 + (c - '0');
                if (digits >= LIMIT) {
                    return Float.NaN;
                }
                scale += scale >= 0 ? 1 : 0;
            } else if (c == '.' && scale < 0) {
                scale = 0;
            } else {
                return Float.NaN;
            }
        }
        int fraction = Math.max(scale, 0);
        if (fraction >= POWERS.length) {
            return Float.NaN;
        }
        float value = digits / POWERS[fraction];
        return negative ? -value : value;
    }
}
