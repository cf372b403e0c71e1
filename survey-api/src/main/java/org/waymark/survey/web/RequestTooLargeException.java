package org.waymark.survey.web;

import java.io.IOException;

/** A request body was larger than Waymark accepts; answered with 413. */
public class RequestTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    RequestTooLargeException(long limit) {
        super("The request body is larger than " + (limit / 1024) + " KiB, the most Waymark accepts. Send less.");
    }
}
