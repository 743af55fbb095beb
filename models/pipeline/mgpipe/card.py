"""Writes model-card.md from the evaluation results, the calibration and the recorded step times."""

NAMES = {"standard": "g (standard)", "robust": "h (robust, PGD-AT)", "fixed_mix": "fixed-alpha mixture",
         "adaptive": "adaptive mixture"}
ATTACKS = ("pgd_ce", "pgd_adaptive", "targeted", "square", "worst")


def pct(v):
    return f"{100 * v:.2f}"


def table(result):
    lines = ["| model | clean | PGD-40 CE | adaptive PGD-40 | targeted PGD-40 | Square 5000 | worst | mean alpha clean / attacked |",
             "|---|---|---|---|---|---|---|---|"]
    for key, label in NAMES.items():
        row = result["models"][key]
        alpha = row.get("mean_alpha")
        alpha_text = f"{alpha['clean']:.3f} / {alpha['attacked']:.3f}" if alpha else "n/a"
        if key == "fixed_mix":
            label += f" (alpha = {row['alpha']})"
        lines.append(f"| {label} | {pct(row['clean'])} | " + " | ".join(pct(row["robust"][a]) for a in ATTACKS)
                     + f" | {alpha_text} |")
    return "\n".join(lines)


def targets(result):
    m = result["models"]
    g, h, a = m["standard"], m["robust"], m["adaptive"]
    checks = [("g clean >= 93%", g["clean"], 0.93),
              ("h clean >= 85%", h["clean"], 0.85),
              ("h worst-case robust >= 70%", h["robust"]["worst"], 0.70),
              ("adaptive clean >= g clean - 1.5 points", a["clean"], g["clean"] - 0.015),
              ("adaptive worst >= h worst - 3 points", a["robust"]["worst"], h["robust"]["worst"] - 0.03)]
    lines = ["| target | measured | needed | met |", "|---|---|---|---|"]
    for name, value, needed in checks:
        lines.append(f"| {name} | {pct(value)} | {pct(needed)} | {'yes' if value >= needed else f'no, short by {pct(needed - value)} points'} |")
    return "\n".join(lines)


def write_model_card(path, result, calibration, times, probe_correct):
    with open(path, "w") as f:
        f.write(TEMPLATE.format(table=table(result), targets=targets(result), knobs=calibration["knobs"],
                                fixed_alpha=calibration["fixed_alpha"], g_val=pct(calibration["g_clean"]),
                                grid="\n".join(f"| {r['knobs']['gamma_bias']} | {r['knobs']['alpha_low']} | "
                                               f"{pct(r['clean'])} | {pct(r['robust'])} |" for r in calibration["grid"]),
                                times="\n".join(f"| {k} | {v} |" for k, v in times.items()),
                                attack_images=result["attack_images"], square_images=result["square_images"],
                                test_images=result["test_images"], probe_correct=probe_correct))


TEMPLATE = open(__file__.replace("card.py", "model_card_template.md")).read()
