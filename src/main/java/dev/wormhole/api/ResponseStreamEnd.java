package dev.wormhole.api;

import io.smallrye.mutiny.Uni;

/**
 * What a Responses API stream does besides sending its events: it stores the final response before the event
 * that carries it goes out (so a client that has seen the end can retrieve it at once), and it tells relayed
 * events what the gateway did with the state ({@link StoredResponses#relayed}).
 */
interface ResponseStreamEnd {

    /** A stream whose response is neither stored nor continued. */
    ResponseStreamEnd NONE = new ResponseStreamEnd() {
        @Override
        public String relayed(String data) {
            return data;
        }

        @Override
        public Uni<Void> ended(byte[] response) {
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<Void> endedRelayed(String event) {
            return Uni.createFrom().voidItem();
        }
    };

    /** A relayed event's data as the client should see it. */
    String relayed(String data);

    /** The final response object (a translated stream's), before its event is sent. */
    Uni<Void> ended(byte[] response);

    /** The relayed terminal event ({@code response.completed}, {@code .incomplete} or {@code .failed}), likewise. */
    Uni<Void> endedRelayed(String event);
}
