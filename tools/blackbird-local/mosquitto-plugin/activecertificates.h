// The permanent device certificates that may connect, each with the thing it is attached to.
// The fleet-provisioning service owns the truth: it rewrites a file (one "<certificateId>
// <thingName>" a line) and announces each change on blackbird/internal/fleet/certificate/<id>.
// The plugin reads the file at start and whenever it changed on disk, and applies announcements
// at once, so a certificate is usable as soon as RegisterThing has accepted it.
#pragma once

#include <map>
#include <optional>
#include <string>

#include <sys/types.h>

namespace Blackbird::Local::FleetPlugin {

class ActiveCertificates
{
public:
    void setPath(const std::string &path) { m_path = path; }

    // Re-reads the file when its identity, size or modification time changed. A missing file
    // means no device certificate is active yet.
    void reloadIfChanged();

    // The thing an active certificate is attached to; nothing when it is not active.
    std::optional<std::string> thingFor(const std::string &certificateId);
    void activate(const std::string &certificateId, const std::string &thingName);
    void deactivate(const std::string &certificateId);
    std::size_t size() const { return m_active.size(); }

private:
    std::string m_path;
    std::map<std::string, std::string> m_active;
    ino_t m_inode = 0;
    off_t m_size = -1;
    long long m_modifiedNs = -1;
};

} // namespace Blackbird::Local::FleetPlugin
