package io.switchboard.tickets;

import java.util.List;

/** One page of a longer list; {@code page} counts from 0. */
public record Page<T>(List<T> items, long total, int page, int size) {
}
