package dev.paperdigest.common;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code digest.limits.*}: what one client may ask of the service. */
@ConfigMapping(prefix = "digest.limits")
public interface LimitsConfig {

    /** Sign-up and resend posts accepted from one client address (an IPv6 /64) per hour; a manage-page save that looks papers up on arXiv counts as one. */
    @WithDefault("20")
    int subscribePerIpPerHour();

    /**
     * Previews of the subscription forms (what their lines would have found) answered for one
     * client address (an IPv6 /64) per minute, by each process.
     */
    @WithDefault("120")
    int previewsPerIpPerMinute();

    /** Confirmation emails sent to one address per day. */
    @WithDefault("3")
    int confirmationsPerAddressPerDay();

    /** Largest paper import accepted by the admin API (or file in the import folder). */
    @WithDefault("50M")
    MemorySize maxImportSize();

    /** Largest body of any other request: the sign-up and manage forms, admin calls. */
    @WithDefault("128K")
    MemorySize maxFormSize();

    /** Largest subscriber import accepted by the admin API: about 200 bytes a subscriber. */
    @WithDefault("1G")
    MemorySize maxSubscriberImportSize();
}
