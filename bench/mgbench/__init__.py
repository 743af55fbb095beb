"""The MixGuard benchmark harness behind bench/run.sh (see bench/README.md)."""
