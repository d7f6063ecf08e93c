#include "wallet-cli/qr_text.hpp"

#include <qrencode.h>

#include <memory>

namespace azora::wallet {

Result<QrBitmap> encode_qr(const std::string& payload) {
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString8bit(payload.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
    if (!code) {
        return Error::malformed("bad_payload", "cannot encode the payload as a QR code");
    }
    QrBitmap qr;
    qr.version = code->version;
    qr.width = code->width;
    qr.dark.resize(static_cast<size_t>(qr.width) * qr.width);
    for (size_t i = 0; i < qr.dark.size(); ++i) {
        qr.dark[i] = (code->data[i] & 1) != 0;  // bit 0 of each byte: dark module
    }
    return qr;
}

std::string render_qr_text(const QrBitmap& qr) {
    const int size = qr.width + 2 * kQrQuietZone;
    // Lit = light module (quiet zone included); rows past the bottom edge are background.
    const auto lit = [&](int x, int y) {
        if (y >= size) {
            return false;
        }
        const int qx = x - kQrQuietZone;
        const int qy = y - kQrQuietZone;
        if (qx < 0 || qy < 0 || qx >= qr.width || qy >= qr.width) {
            return true;
        }
        return !qr.at(qx, qy);
    };
    std::string out;
    for (int y = 0; y < size; y += 2) {
        for (int x = 0; x < size; ++x) {
            const bool top = lit(x, y);
            const bool bottom = lit(x, y + 1);
            out += top && bottom ? "\u2588" : top ? "\u2580" : bottom ? "\u2584" : " ";
        }
        out += '\n';
    }
    return out;
}

}  // namespace azora::wallet
