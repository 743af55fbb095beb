/** Probe jobs over image sets: the job store, tracked jobs, their event streams and results. */
package dev.mixguard.api.probe.jobs;
