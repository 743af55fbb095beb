/** Single-image robustness probes over HTTP: attack checks, the probe executor, access control, answers. */
package dev.mixguard.api.probe;
