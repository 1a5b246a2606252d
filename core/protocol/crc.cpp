// Table-driven CRC-8 and CRC-32 for the serial protocol's frames.
#include "crc.h"

#include <array>

namespace Blackbird {

namespace {

constexpr std::array<quint8, 256> makeCrc8Table()
{
    std::array<quint8, 256> table{};
    for (int i = 0; i < 256; ++i) {
        quint8 crc = quint8(i);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc & 0x80) ? quint8((crc << 1) ^ 0x07) : quint8(crc << 1);
        table[size_t(i)] = crc;
    }
    return table;
}

constexpr std::array<quint32, 256> makeCrc32Table()
{
    std::array<quint32, 256> table{};
    for (quint32 i = 0; i < 256; ++i) {
        quint32 crc = i;
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc & 1u) ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        table[i] = crc;
    }
    return table;
}

constexpr auto kCrc8Table = makeCrc8Table();
constexpr auto kCrc32Table = makeCrc32Table();

} // namespace

quint8 crc8(QByteArrayView data)
{
    quint8 crc = 0;
    for (const char c : data)
        crc = kCrc8Table[quint8(crc ^ quint8(c))];
    return crc;
}

quint32 crc32Update(quint32 crc, QByteArrayView data)
{
    crc = ~crc;
    for (const char c : data)
        crc = kCrc32Table[(crc ^ quint8(c)) & 0xFFu] ^ (crc >> 8);
    return ~crc;
}

quint32 crc32(QByteArrayView data)
{
    return crc32Update(0, data);
}

} // namespace Blackbird
