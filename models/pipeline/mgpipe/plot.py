"""The accuracy-robustness frontier as a PNG: clean accuracy on x, worst-case robust accuracy on y, the fixed-alpha
curve and the adaptive points, the shipped knobs marked."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def frontier(points, shipped, path):
    """Writes the plot of `points` (spec card.frontier entries) to `path`; does nothing without points."""
    if not points:
        return
    fixed = sorted((p for p in points if p["kind"] == "fixed"), key=lambda p: p["knobs"]["alpha_low"])
    adaptive = [p for p in points if p["kind"] == "adaptive"]
    fig, ax = plt.subplots(figsize=(6.4, 4.6), dpi=110)
    if fixed:
        ax.plot([100 * p["clean"] for p in fixed], [100 * p["worst"] for p in fixed], "o-", color="#555555",
                label="fixed alpha")
        for p, offset in zip(fixed, _label_offsets(fixed)):
            ax.annotate(f"a={p['knobs']['alpha_low']:g}", (100 * p["clean"], 100 * p["worst"]),
                        textcoords="offset points", xytext=offset, ha="left" if offset[0] > 0 else "right",
                        fontsize=8, color="#555555")
    for p in adaptive:
        is_shipped = p["knobs"] == {k: float(v) for k, v in shipped.items()}
        ax.plot(100 * p["clean"], 100 * p["worst"], "*" if is_shipped else "s", markersize=14 if is_shipped else 7,
                color="#d62728" if is_shipped else "#1f77b4", linestyle="none")
        k = p["knobs"]
        ax.annotate(f"gb={k['gamma_bias']:g}, al={k['alpha_low']:g}" + (" (shipped)" if is_shipped else ""),
                    (100 * p["clean"], 100 * p["worst"]), textcoords="offset points", xytext=(5, 4), fontsize=8)
    ax.plot([], [], "s", color="#1f77b4", label="adaptive (gamma_bias, alpha_low)")
    ax.plot([], [], "*", color="#d62728", markersize=12, label="adaptive, shipped knobs")
    images = sorted({p["images"] for p in points})
    ax.set_xlabel("clean accuracy (%)")
    ax.set_ylabel("worst-case robust accuracy (%), L-inf 0.1")
    ax.set_title(f"Accuracy-robustness dial, first {'/'.join(map(str, images))} test images")
    ax.grid(alpha=0.3)
    ax.legend(loc="lower left", fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def _label_offsets(fixed):
    """Offsets in points for the fixed-alpha labels: below right of the point, but above left where the point lies
    on the bottom of the plot (no robustness), stacked where such points crowd together (g and fixed 0.5)."""
    offsets, previous = [], None
    for p in fixed:
        x, y = 100 * p["clean"], 100 * p["worst"]
        offset = (-4, 6) if y < 5 else (4, -12)
        if previous and abs(x - previous[0]) < 1.0 and abs(y - previous[1]) < 4:
            offset = (offset[0], previous[2][1] + 12)
        offsets.append(offset)
        previous = (x, y, offset)
    return offsets
