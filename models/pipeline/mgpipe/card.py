"""Writes model-card.md from the measured candidates (worst case per image, `worstcase`), the calibration and the
recorded step times. The targets' wording is computed from the numbers, so the card cannot claim more than they."""
from . import calibrate, worstcase

ATTACK_TITLES = {"apgd-ce-alpha": "APGD-CE + alpha", "apgd-t-alpha": "APGD-T + alpha", "apgd-ce": "APGD-CE",
                 "apgd-t": "APGD-T", "square": "Square"}
TARGETS = (("adaptive clean (all test images) >= 91.0", "adaptive", "clean_all", 0.91),
           ("adaptive worst >= 66.0", "adaptive", "worst", 0.66),
           ("g clean (all test images) >= 93.0", "g", "clean_all", 0.93),
           ("h clean (all test images) >= 85.0", "h", "clean_all", 0.85),
           ("h worst >= 72.0", "h", "worst", 0.72))


def pct(v):
    return f"{100 * v:.1f}"


BASE_LABELS = {"g": "g (standard, = fixed alpha 0)", "h": "h (robust, = fixed alpha 1)"}


def fixed_name(row):
    """g, h, or "fixed alpha A"."""
    return row["name"] if row["name"] in BASE_LABELS else f"fixed alpha {row['knobs']['alpha_low']:g}"


def label(row, shipped):
    if row["name"] in BASE_LABELS:
        return BASE_LABELS[row["name"]]
    k = row["knobs"]
    if row["kind"] == "fixed":
        return fixed_name(row)
    text = f"adaptive, gamma_bias {k['gamma_bias']:g}, alpha in [{k['alpha_low']:g}, {k['alpha_high']:g}]"
    return text + (" **(shipped)**" if is_shipped(row, shipped) else "")


def is_shipped(row, shipped):
    return row["kind"] == "adaptive" and row["knobs"] == {k: float(v) for k, v in shipped.items()}


def table(rows, shipped):
    """One line per candidate (fixed alphas from g to h, then adaptive settings): clean, the running robust
    accuracy after each attack, and the worst case."""
    order = lambda r: (r["kind"] != "fixed", r["knobs"]["alpha_low"], r["knobs"]["gamma_bias"])
    lines = ["| classifier | clean, all test images | images attacked | clean | "
             + " | ".join(f"after {t}" for t in ATTACK_TITLES.values()) + " | **worst** | gain over fixed curve |",
             "|---" * (len(ATTACK_TITLES) + 6) + "|"]
    fixed = [r for r in rows if r["kind"] == "fixed"]
    curve = calibrate.fixed_curve(fixed) if len(fixed) >= 2 else None
    for r in sorted(rows, key=order):
        after = [pct(r["after"][a]) if a in r["after"] else "-" for a in ATTACK_TITLES]
        gain = f"{100 * calibrate.gain(r, curve):+.1f}" if curve and r["kind"] == "adaptive" else ""
        lines.append(f"| {label(r, shipped)} | {pct(r['clean_all'])} | {r['images']} | {pct(r['clean'])} | "
                     + " | ".join(after)
                     + f" | **{pct(r['worst'])}** | {gain} |")
    return "\n".join(lines)


def targets(rows, shipped):
    """The issue's targets against the shipped adaptive row and the bases, each met or short by how much."""
    by = {"g": next((r for r in rows if r["name"] == "g"), None), "h": next((r for r in rows if r["name"] == "h"), None),
          "adaptive": next((r for r in rows if is_shipped(r, shipped)), None)}
    lines = ["| target | measured | met |", "|---|---|---|"]
    for text, who, field, needed in TARGETS:
        row = by[who]
        if row is None:
            lines.append(f"| {text} | not measured yet | no |")
            continue
        value = row[field]
        verdict = "yes" if value >= needed - 1e-9 else f"no, short by {100 * (needed - value):.1f} points"
        images = row["clean_all_images"] if field == "clean_all" else row["images"]
        lines.append(f"| {text} | {pct(value)} ({images} images) | {verdict} |")
    return "\n".join(lines)


def verdict(rows, shipped):
    """One paragraph on the claim the card exists for: is the shipped adaptive mixture above the fixed curve?"""
    fixed = [r for r in rows if r["kind"] == "fixed"]
    row = next((r for r in rows if is_shipped(r, shipped)), None)
    if row is None or len(fixed) < 2:
        return ("The shipped adaptive setting or the fixed-alpha curve has not been measured with these attacks "
                "yet, so this card makes no claim about it.")
    g = calibrate.gain(row, calibrate.fixed_curve(fixed))
    by_alpha = sorted(fixed, key=lambda r: r["knobs"]["alpha_low"])
    basis = ", ".join(f"{fixed_name(r)} on {r['images']}" for r in by_alpha)
    return _verdict_sentence(row, g) + f" (Fixed-alpha curve from: {basis} images.)"


def _verdict_sentence(row, g):
    if g > 0:
        return (f"At the shipped knobs the adaptive mixture is {100 * g:.1f} points more robust than the fixed-alpha "
                f"curve at the same clean accuracy ({pct(row['clean'])} clean, {pct(row['worst'])} worst).")
    return (f"At the shipped knobs the adaptive mixture ({pct(row['clean'])} clean, {pct(row['worst'])} worst) is "
            f"**{100 * -g:.1f} points less robust than the fixed-alpha curve** at the same clean accuracy: on these "
            "weights the mixing network does not earn its place, and a fixed alpha (alpha_low = alpha_high) is the "
            "better setting. The paper's claim is not reproduced here yet.")


def rechecked(rows):
    """A bullet for each reason some rows' gradient attacks were run again (worstcase.recheck) and one for the rows
    with a second restart (worstcase.restart), or nothing."""
    lines = []
    for reason in sorted({r for row in rows for r in row.get("rechecked", {}).get("reasons", [])}):
        done = [row for row in rows if reason in row.get("rechecked", {}).get("reasons", [])]
        counts = "; ".join(f"{label(row, {})}: {row['rechecked']['images']} images, {row['rechecked']['fooled']} "
                           "newly fooled" for row in done)
        lines.append(f"- Rechecked: {reason}. The gradient attacks ran again on every image those results counted as "
                     f"robust (`run_pipeline.py recheck`; each chunk records it under `recheck`), and an image they "
                     f"now fool counts as fooled: {counts}. Square's results stand (it follows no gradient).")
    done = [row for row in rows if "restarted" in row]
    if done:
        counts = "; ".join(f"{label(row, {})}: {row['restarted']['images']} images, {row['restarted']['fooled']} newly "
                           "fooled" for row in done)
        lines.append(f"- A second restart: the whole suite again, in the same order, on every image the first run "
                     f"counted as robust, each APGD random start drawn from the image's seed plus "
                     f"{worstcase.RESTART_OFFSET} and Square from seed {worstcase.RESTART_SQUARE_SEED} "
                     f"(`run_pipeline.py restart`; each chunk records it under `restart`); an image it fools counts as "
                     f"fooled, so these rows are the worst case over both restarts: {counts}. The other rows had one.")
    return "\n".join(lines)


def seconds(rows):
    lines = ["| classifier | where | attack seconds |", "|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['name']} | {'; '.join(r.get('where', []))} | {sum(r['seconds'].values())} |")
    return "\n".join(lines)


def scales(std_scale, rob_scale):
    """The logit scales in words, for the card."""
    if (std_scale, rob_scale) == (1.0, 1.0):
        return "std_scale and rob_scale 1.0 (g and h mixed at their own temperatures)"
    return (f"std_scale {std_scale:g} and rob_scale {rob_scale:g} (the logits of g and h are multiplied by these "
            "before the softmax, as the paper's released models do)")


def architecture(g, h, bases):
    """The card's lines on g and h: widths and parameter counts read from the models, training from the recipe."""
    def shape(model):
        return (f"widths {'/'.join(map(str, model.widths))}, "
                f"{round(sum(p.numel() for p in model.parameters()) / 1000)}k parameters")

    def schedule(recipe):
        return ", then ".join(f"{e} epochs at peak lr {lr:g}" for e, lr in recipe["stages"])

    adv = bases["robust"]["adversary"]
    if adv.get("trades_beta") is not None:
        training = (f"TRADES with beta {adv['trades_beta']:g} at L-inf {adv['eps']:g} (the KL term's attack: "
                    f"{adv['steps']} steps of {adv['step_size']:g} from a random start)")
    else:
        training = (f"PGD adversarial training at L-inf {adv['eps']:g} ({adv['steps']} steps of {adv['step_size']:g} "
                    "from a random start)")
    return (f"- g: pre-activation ResNet (stem, three stride-2 stages of one PreActBlock each), {shape(g)}, "
            f"standard training (SGD, one-cycle: {schedule(bases['standard'])}; flip and crop augmentation).\n"
            f"- h: the same family, {shape(h)}, {training}; one-cycle: {schedule(bases['robust'])}.")


MIXING = {
    "net": "- Mixing network: MixingNetV4 scaled down. It concatenates the stage-1 taps (14x14) and stage-2 taps\n"
           "  (7x7) of g and h ([g, h] order), adds a strided PreActBlock of the first to a 1x1 conv of the second,\n"
           "  two more strided PreActBlocks (32, 48, 64 channels), global average pool, bias-free linear to one\n"
           "  raw gamma. Then the exact alpha chain: BatchNorm1d(affine=False, momentum 0.01, eps 1e-5), times\n"
           "  gamma_scale 2.0 plus gamma_bias, sigmoid, then alpha_low + (alpha_high - alpha_low) * sigmoid.",
    "gate": "- Mixing function: h's margin gate, **a deviation from section 2's mixing network** (which reads the\n"
            "  feature taps of both models). The raw gamma is h's top-1 minus top-2 logit m_h; it reads nothing of g.\n"
            "  Then the exact alpha chain: BatchNorm1d(affine=False, eps 1e-5) held at mean 0 and variance 1 - eps\n"
            "  (the identity), times gamma_scale 2.0 plus gamma_bias, sigmoid, then alpha_low + (alpha_high -\n"
            "  alpha_low) * sigmoid. So alpha = sigmoid(2 (m_h - tau)) with tau = -gamma_bias / 2 at alpha in [0, 1].",
}
REPRODUCE = {
    "net": ("train standard robust mixer", "calibrate"),
    "gate": ("train standard robust gate", "calibrate --clean-target 0.91"),
}


def reproduce(kind):
    """The commands that rebuild a model with this kind of mixing function, as an indented block."""
    steps = REPRODUCE[kind] + ("evaluate", "frontier", "package")
    return "\n".join(f"    /usr/bin/python3 models/pipeline/run_pipeline.py {s}" for s in steps)


def write_model_card(path, rows, calibration, times, probe_correct, training, attempts, logit_scales=(1.0, 1.0),
                     kind="net", *, bases):
    """model-card.md from the template; `bases` is the Architecture section's lines on g and h (architecture())."""
    shipped = calibration["knobs"]
    with open(path, "w") as f:
        knobs = ", ".join(f"{k} = {v:g}" for k, v in shipped.items())
        f.write(TEMPLATE.format(table=table(rows, shipped), targets=targets(rows, shipped), knobs=knobs,
                                verdict=verdict(rows, shipped),
                                reason=calibration["reason"], training=training, seconds=seconds(rows),
                                times="\n".join(f"| {k} | {v} |" for k, v in times.items()),
                                probe_correct=probe_correct, attempts=attempts, scales=scales(*logit_scales),
                                mixing=MIXING[kind], bases=bases, reproduce=reproduce(kind), rechecked=rechecked(rows)))


TEMPLATE = open(__file__.replace("card.py", "model_card_template.md")).read()
