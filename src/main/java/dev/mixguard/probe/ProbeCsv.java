package dev.mixguard.probe;

import java.util.List;

/** Renders per-image probe rows as CSV (RFC 4180, header first, empty cells where no adversarial was found). */
public final class ProbeCsv {

    /** The header row, in column order. */
    public static final String HEADER = "index,label,clean_class,clean_alpha,clean_margin,status,found,queries,"
            + "best_margin,adversarial_class,adversarial_alpha,linf,l2";

    private ProbeCsv() {
    }

    /** The header and one line per row, each ending in CRLF; numbers in Java's locale-independent form. */
    public static String render(List<ProbeResult> rows) {
        StringBuilder out = new StringBuilder(HEADER).append("\r\n");
        for (ProbeResult r : rows) {
            out.append(r.index()).append(',')
                    .append(r.label()).append(',')
                    .append(r.cleanClass()).append(',')
                    .append(r.cleanAlpha()).append(',')
                    .append(r.cleanMargin()).append(',')
                    .append(r.status()).append(',')
                    .append(r.found()).append(',')
                    .append(r.queries()).append(',')
                    .append(r.bestMargin()).append(',');
            AdversarialExample a = r.adversarial();
            if (a != null) {
                out.append(a.predictedClass()).append(',').append(a.alpha()).append(',')
                        .append(a.linf()).append(',').append(a.l2());
            } else {
                out.append(",,,");
            }
            out.append("\r\n");
        }
        return out.toString();
    }
}
