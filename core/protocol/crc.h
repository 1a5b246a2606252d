// The two checksums of the serial protocol's frames: CRC-8 guards the 9-byte header so that a
// corrupted length can never make the parser swallow a long run of bytes, CRC-32 guards the
// whole frame. Both are defined, with check values, in docs/serial-protocol.md.
#pragma once

#include <QByteArrayView>
#include <QtGlobal>

namespace Blackbird {

// CRC-8, polynomial 0x07, initial value 0x00, no reflection, no final XOR ("CRC-8/SMBUS").
// Check value: crc8("123456789") == 0xF4.
quint8 crc8(QByteArrayView data);

// CRC-32 of IEEE 802.3 as zlib's crc32() computes it (reflected polynomial 0xEDB88320, initial
// value and final XOR 0xFFFFFFFF). Check value: crc32("123456789") == 0xCBF43926.
quint32 crc32(QByteArrayView data);

// Continues a CRC-32 over data that arrives in pieces: start with crc = 0 and pass the previous
// result back in; the result after the last piece equals crc32() of the concatenation.
quint32 crc32Update(quint32 crc, QByteArrayView data);

} // namespace Blackbird
