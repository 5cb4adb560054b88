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
    let carry: Buffer = Buffer.alloc(0);
    let eof = false;
    while (!eof) {
      const fresh = Buffer.allocUnsafe(chunkBytes);
      const read = fs.readSync(fd, fresh, 0, chunkBytes, null);
      eof = read === 0;
      const buf = carry.length === 0 ? fresh.subarray(0, read) : Buffer.concat([carry, fresh.subarray(0, read)]);
      if (buf.length === 0) break;
      const { table, consumed } = parser.parse(buf, eof);
      if (table.numRows > 0) yield table;
      carry = Buffer.from(buf.subarray(consumed));
      if (!eof && consumed === 0 && carry.length > MAX_RECORD_BYTES) {
        // No real record is this long: an unterminated quote has swallowed the rest of the file.
        // Parsing it as final reports the line where the quote opened.
        parser.parse(carry, true);
        break;
      }
    }
  } finally {
    fs.closeSync(fd);
  }
}
