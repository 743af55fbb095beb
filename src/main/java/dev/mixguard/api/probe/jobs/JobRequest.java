package dev.mixguard.api.probe.jobs;

import dev.mixguard.api.probe.AttackRequest;

/**
 * JSON body of a job over the bundled probe set: how many of its images ({@code first}) and the attack fields, each
 * optional and each allowed either here or as a query parameter, not both.
 */
public record JobRequest(Integer first, String attack, String norm, Double epsilon, Integer queries, Integer restarts,
        Long seed, Double pInit, Integer label) {

    /** The attack fields of the body. */
    AttackRequest parameters() {
        return new AttackRequest(attack, norm, epsilon, queries, restarts, seed, pInit, label);
    }
}
