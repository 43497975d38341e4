/**
 * The Gavel client library: everything a bidder app, edge gateway, clerk console or settlement service needs to
 * talk to an engine over Aeron without touching SBE or Aeron plumbing.
 * <ul>
 * <li>{@link io.gavel.client.GavelClient} connects a session with a signed token, sends every command (timed
 * maximums, live bids at the ask, floor bids, buy-now, retraction, lot control, administration, payment results)
 * and returns its correlation id at once; {@link io.gavel.client.GavelClient#await} or
 * {@link io.gavel.client.GavelListener#onResponse} give the answer. Repeating a command with the same correlation
 * id ({@code retry...} methods) is safe: the engine answers the original outcome.</li>
 * <li>{@link io.gavel.client.GavelListener} receives typed callbacks from {@link io.gavel.client.GavelClient#poll}.</li>
 * <li>{@link io.gavel.client.AuctionMirror} keeps a live copy of an auction: snapshot, then events in sequence,
 * gaps detected.</li>
 * </ul>
 * {@link io.gavel.client.example.ExampleBidder} is a complete program.
 */
package io.gavel.client;
