// Active device certificates, as the fleet-provisioning service publishes them.
#include "activecertificates.h"

#include <fstream>
#include <sstream>

#include <sys/stat.h>

namespace Blackbird::Local::FleetPlugin {

void ActiveCertificates::reloadIfChanged()
{
    if (m_path.empty())
        return;

    struct stat info = {};
    if (::stat(m_path.c_str(), &info) != 0)
        return;
    const long long modifiedNs =
        static_cast<long long>(info.st_mtim.tv_sec) * 1000000000LL + info.st_mtim.tv_nsec;
    if (info.st_ino == m_inode && info.st_size == m_size && modifiedNs == m_modifiedNs)
        return;

    std::ifstream file(m_path);
    if (!file)
        return;
    std::map<std::string, std::string> active;
    std::string line;
    while (std::getline(file, line)) {
        std::istringstream fields(line);
        std::string certificateId;
        std::string thingName;
        if (fields >> certificateId >> thingName && certificateId.front() != '#')
            active[certificateId] = thingName;
    }

    // The service writes the file before it announces a change, so the file is never behind
    // the announcements already applied.
    m_active = std::move(active);
    m_inode = info.st_ino;
    m_size = info.st_size;
    m_modifiedNs = modifiedNs;
}

std::optional<std::string> ActiveCertificates::thingFor(const std::string &certificateId)
{
    auto it = m_active.find(certificateId);
    if (it == m_active.end()) {
        reloadIfChanged();
        it = m_active.find(certificateId);
    }
    if (it == m_active.end())
        return std::nullopt;
    return it->second;
}

void ActiveCertificates::activate(const std::string &certificateId, const std::string &thingName)
{
    m_active[certificateId] = thingName;
}

void ActiveCertificates::deactivate(const std::string &certificateId)
{
    m_active.erase(certificateId);
}

} // namespace Blackbird::Local::FleetPlugin
