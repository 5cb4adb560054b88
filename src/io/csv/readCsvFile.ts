import * as fs from "fs";
import { Table } from "../../core/table";
import { CsvChunkParser } from "./CsvChunkParser";

const CHUNK_BYTES = 8 * 1024 * 1024;
const MAX_RECORD_BYTES = 64 * 1024 * 1024;

/**
 * Reads a file chunk by chunk and yields parsed tables, carrying a partial last record over to
 * the next chunk. Memory stays at about one chunk plus its table, whatever the file size.
 */
export function* readCsvChunks(file: string, parser: CsvChunkParser, chunkBytes = CHUNK_BYTES): Generator<Table> {
  const fd = fs.openSync(file, "r");
  try {
    // A short read of a regular file is its end: the last pass then parses what is left without
    // another read (and without another chunk-sized buffer); the parse calls are the same.
    const regular = fs.fstatSync(fd).isFile();
    let atEnd = false;
    let carry: Buffer = Buffer.alloc(0);
    let eof = false;
    while (!eof) {
      let buf: Buffer;
      if (atEnd) {
        eof = true;
        buf = carry;
      } else {
        // The unconsumed tail of the last chunk goes first, the file's next bytes right after it.
        const space = Buffer.allocUnsafe(carry.length + chunkBytes);
        carry.copy(space, 0);
        const read = fs.readSync(fd, space, carry.length, chunkBytes, null);
        eof = read === 0;
        atEnd = regular && read < chunkBytes;
        buf = space.subarray(0, carry.length + read);
      }
      if (buf.length === 0) break;
      const { table, consumed } = parser.parse(buf, eof);
      if (table.numRows > 0) yield table;
      carry = Buffer.from(buf.subarray(consumed));
      // No real line is this long (an unclosed quote is caught by the parser at the same size).
      if (!eof && consumed === 0 && carry.length > MAX_RECORD_BYTES) parser.failLineTooLong(carry.length);
    }
  } finally {
    fs.closeSync(fd);
  }
}
