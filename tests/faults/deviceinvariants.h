// What the fault tests check on a simulated device after every fault: its storage folder holds a
// complete old or a complete new claim credential set, never a mixture or a damaged one
// (docs/serial-protocol.md 15). Read straight from blackbird-devsim's files
// (docs/device-simulator.md, "Storage").
#pragma once

#include <QString>

struct ClaimSetState
{
    bool complete = false;    // absent (no set) or present and whole
    bool present = false;     // claim-bundle.json exists
    QString certificateId;    // of the set present
    bool provisioned = false; // provisioned.json exists (fleet provisioning finished)
    QString why;              // what is broken when not complete
};

// Checks STORAGE (a devsim device folder): claim-bundle.json absent, or a JSON object of format 1
// for this device's uuid (identity.json), whose certificate parses, whose key belongs to it and
// whose certificate_id is its SHA-256; provisioned.json and device-credentials.json, when
// present, are whole JSON objects.
ClaimSetState inspectClaimSet(const QString &storage);
