/** The v1 model routes: model listing and metadata, and classify in its three body forms. */
package dev.mixguard.api.classify;
