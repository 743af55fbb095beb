/** Shared HTTP plumbing of every route: JSON errors, body limits, request images and tensors. */
package dev.mixguard.api;
