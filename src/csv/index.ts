/**
 * The CSV door: bytes in, records with physical line numbers and issues out; and the writer.
 * @module
 */
