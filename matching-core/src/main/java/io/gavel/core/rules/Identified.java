package io.gavel.core.rules;

/**
 * Something the wire names by a 64-bit id (an auction, a lot, a bidder). The id lives in the object itself so that
 * {@link IdTable} can find it by reading the object it returns anyway, instead of a separate key array.
 */
public abstract class Identified
{
    final long id;

    Identified(final long id)
    {
        this.id = id;
    }

    public final long id()
    {
        return id;
    }
}
