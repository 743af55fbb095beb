/** The engine self-check route: the load-time parity check and a clean run of the bundled probe set. */
package dev.mixguard.api.probe.selfcheck;
