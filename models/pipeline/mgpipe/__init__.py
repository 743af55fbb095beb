"""MixGuard model pipeline: data, nets, the fused adaptive-smoothing module, training, attacks, export."""
