"""APGD (Croce & Hein, 2020, "Reliable evaluation of adversarial robustness with an ensemble of diverse
parameter-free attacks"), L-inf, written from the paper for a predict function.

A predict function maps images [N,C,H,W] to (log_probs [N,K], gamma [N] or None), as in `attacks`. Losses are
per-sample functions (log_probs, gamma, y, **per_sample) -> [N] that the attack maximises; per-sample tensors
(a target class, a weight) are passed to `apgd` by name and reach the loss restricted to the rows still attacked. The schedule follows the paper: step
size 2 eps, momentum 0.75, checkpoints w_0 = 0, w_{j+1} = w_j + max(p_j - p_{j+1}, 0.06) N with p_0 = 0, p_1 = 0.22,
p_{j+1} = p_j + max(p_j - p_{j-1} - 0.03, 0.06) (so the gap between checkpoints starts at 0.22 N and shrinks by
0.03 N down to 0.06 N); at a checkpoint the step size of an image halves, and the image restarts from its best
point, when at most 75% of the steps since the last checkpoint raised its loss, or when its step size was not
reduced at the previous checkpoint and its best loss has not improved since.

Every random number is drawn from a generator seeded by (seed, image index), so an image's attack is the same
whichever other images share its batch: evaluations can run in any chunking and resume.
"""
import torch
import torch.nn.functional as F

MOMENTUM = 0.75
RHO = 0.75  # fraction of improving steps below which a checkpoint halves the step size
P1, DECAY, P_MIN = 0.22, 0.03, 0.06


def ce(log_probs, gamma, y, **_):
    return F.nll_loss(log_probs, y, reduction="none")


def dlr_targeted(z, y, target):
    """-(z_y - z_t) / (z_pi1 - (z_pi3 + z_pi4) / 2 + 1e-12): AutoAttack's targeted DLR. Invariant to adding a
    constant to every logit and to scaling them by a positive factor, so it works on log-probabilities and on
    saturated softmaxes alike."""
    srt, _ = z.sort(dim=1)
    u = torch.arange(z.shape[0], device=z.device)
    return -(z[u, y] - z[u, target]) / (srt[:, -1] - 0.5 * (srt[:, -3] + srt[:, -4]) + 1e-12)


def alpha_down(gamma):
    """BCEWithLogits(gamma, 1) = softplus(-gamma): maximising it pushes alpha down, towards g."""
    return F.softplus(-gamma)


def composite(main, weight=None):
    """(1 - w) main + w BCE(gamma, 1) (adaptive-smoothing.md sections 3.4 and 5.2), w a number or, when None, the
    per-sample tensor `w` passed to `apgd`. Without a gamma (g or h alone, or a fixed alpha) it is `main`."""
    def loss(log_probs, gamma, y, **per_sample):
        out = main(log_probs, gamma, y, **per_sample)
        w = per_sample["w"] if weight is None else weight
        return out if gamma is None else (1 - w) * out + w * alpha_down(gamma)
    return loss


def targeted_dlr(log_probs, gamma, y, target, **_):
    """The targeted DLR loss towards the per-sample tensor `target` passed to `apgd`."""
    return dlr_targeted(log_probs, y, target)


def checkpoints(n_iter):
    """The iterations after which APGD checks its progress: the first after 0.22 N, then gaps shrinking by 0.03 N
    down to 0.06 N (the paper's w_j in AutoAttack's integer form, so both check at the same iterations)."""
    gap, decay, smallest = max(int(P1 * n_iter), 1), max(int(DECAY * n_iter), 1), max(int(P_MIN * n_iter), 1)
    out, at = [], gap
    while at <= n_iter:
        out.append(at)
        gap = max(gap - decay, smallest)
        at += gap
    return out


def random_start(x, eps, seed, indices):
    """x + eps * t / ||t||_inf per image with t ~ U(-1, 1)^d (AutoAttack's start), from per-image generators."""
    noise = torch.empty((len(x),) + tuple(x.shape[1:]))
    for row, index in enumerate(indices.tolist()):
        gen = torch.Generator().manual_seed(seed * 1_000_003 + int(index))
        noise[row] = torch.rand(x.shape[1:], generator=gen) * 2 - 1
    noise = noise.to(x.device)
    scale = noise.flatten(1).abs().max(1).values.clamp_min(1e-12).view(-1, *([1] * (x.dim() - 1)))
    return project(x + eps * noise / scale, x, eps)


def project(x_adv, x, eps):
    """Onto the L-inf ball of radius eps (a number or [N,1,1,1]) around x, then onto [0,1]."""
    return torch.min(torch.max(x_adv, x - eps), x + eps).clamp(0.0, 1.0)


def _loss_and_grad(predict, loss_fn, x, y, per_sample):
    x = x.clone().requires_grad_(True)
    log_probs, gamma = predict(x)
    loss = loss_fn(log_probs, gamma, y, **per_sample)
    grad, = torch.autograd.grad(loss.sum(), x)
    return loss.detach(), grad.detach(), log_probs.detach().argmax(1) != y


def apgd(predict, loss_fn, x, y, eps, n_iter=100, seed=0, indices=None, stop_on_success=True, **per_sample):
    """APGD on a batch; `indices` are the images' indices in their data set (they seed the random start), and
    `per_sample` tensors of the batch's length go to the loss (e.g. target=..., w=...).

    Returns (x_best_adv, fooled [N] bool, x_best): x_best_adv is the last misclassified iterate, else the
    random start (AutoAttack's return value, which the paper's training buffer uses); x_best the highest-loss
    point. With stop_on_success an image leaves the batch once misclassified, which changes no other image's
    attack (every per-image quantity is independent) and saves its remaining iterations.
    """
    n = len(x)
    indices = torch.arange(n) if indices is None else indices
    eps = eps if torch.is_tensor(eps) else torch.full((n,), float(eps), device=x.device)
    eps = eps.reshape(n, *([1] * (x.dim() - 1)))
    x_adv = random_start(x, eps, seed, indices)
    loss, grad, fooled = _loss_and_grad(predict, loss_fn, x_adv, y, per_sample)
    x_best_adv, x_best, grad_best, loss_best = x_adv.clone(), x_adv.clone(), grad.clone(), loss.clone()
    step = 2.0 * eps.clone()
    x_prev = x_adv.clone()
    increases = torch.zeros(n, device=x.device)
    best_at_check, reduced_at_check = loss_best.clone(), torch.ones(n, dtype=torch.bool, device=x.device)
    loss_prev, checks, last_check = loss.clone(), set(checkpoints(n_iter)), 0
    for i in range(n_iter):
        act = (~fooled).nonzero().flatten() if stop_on_success else torch.arange(n, device=x.device)
        if act.numel() == 0:
            break
        xa, xo, xc = x_adv[act], x_prev[act], x[act]
        z = project(xa + step[act] * grad[act].sign(), xc, eps[act])
        if i > 0:
            z = project(xa + MOMENTUM * (z - xa) + (1 - MOMENTUM) * (xa - xo), xc, eps[act])
        x_prev[act] = xa
        l_new, g_new, wrong = _loss_and_grad(predict, loss_fn, z, y[act], {k: v[act] for k, v in per_sample.items()})
        x_adv[act], grad[act] = z, g_new
        x_best_adv[act[wrong]] = z[wrong]
        fooled[act] |= wrong
        increases[act] += (l_new > loss_prev[act]).float()
        loss_prev[act] = l_new
        better = l_new > loss_best[act]
        x_best[act[better]], grad_best[act[better]], loss_best[act[better]] = z[better], g_new[better], l_new[better]
        if i + 1 in checks:
            k = i + 1 - last_check
            halve = (increases <= RHO * k) | (~reduced_at_check & (loss_best <= best_at_check))
            step[halve] /= 2.0
            x_adv[halve], grad[halve] = x_best[halve], grad_best[halve]
            reduced_at_check, best_at_check, last_check = halve, loss_best.clone(), i + 1
            increases.zero_()
    return x_best_adv, fooled, x_best
