#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"

/// Terminal rendering of QR codes, for `azora-wallet credential qr`.
namespace azora::wallet {

/// A square QR symbol: `width` x `width` modules, row-major, true = dark.
struct QrBitmap {
    int version = 0;  ///< QR version 1..40; a symbol of version v is 17 + 4v modules wide
    int width = 0;
    std::vector<bool> dark;

    bool at(int x, int y) const { return dark[static_cast<size_t>(y) * width + x]; }
};

/// Modules of quiet zone drawn around the symbol on every side.
inline constexpr int kQrQuietZone = 2;

/// Encodes `payload` as 8-bit data at error correction level M, smallest version that fits
/// (libqrencode). Deterministic for a given payload.
Result<QrBitmap> encode_qr(const std::string& payload);

/// Renders `qr` with Unicode half blocks, two module rows per text line, surrounded by a
/// kQrQuietZone-module quiet zone. Light modules are drawn lit and dark ones left blank, so the
/// code reads dark-on-light on a terminal with a dark background. Every line holds
/// width + 2 * kQrQuietZone characters and ends with '\n'. Pure.
std::string render_qr_text(const QrBitmap& qr);

}  // namespace azora::wallet
