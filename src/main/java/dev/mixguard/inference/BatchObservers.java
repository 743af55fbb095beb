package dev.mixguard.inference;

import java.util.function.IntSupplier;

/** Hands each model's batcher its observer; the metrics package provides the bean. */
public interface BatchObservers {

    /** The observer for {@code model}'s batcher, whose queue length {@code pendingRequests} reads. */
    BatchObserver forModel(LoadedModel model, IntSupplier pendingRequests);
}
