package dev.paperdigest.admin;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to starting a run in the background: its id, to follow it. */
@Schema(name = "Started")
public record Started(long id) {}
