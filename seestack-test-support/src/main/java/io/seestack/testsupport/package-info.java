/** Test support: a loopback ingest server that records and schema-validates what the SDK sends. */
@NullMarked
package io.seestack.testsupport;

import org.jspecify.annotations.NullMarked;
