package dev.paperdigest.digests;

import dev.paperdigest.subscriptions.Subscriber;

/** Whom a digest is written to: their address, and what signing their links takes. */
record Addressee(String email, String publicId, int tokenGeneration) {

    static Addressee of(Subscriber subscriber) {
        return new Addressee(subscriber.email, subscriber.publicId, subscriber.tokenGeneration);
    }
}
