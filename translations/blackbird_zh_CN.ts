<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Blackbird::BatchBar</name>
    <message>
        <source>&amp;Dismiss</source>
        <translation>忽略(&amp;D)</translation>
    </message>
    <message>
        <source>Hide this alert until the next failure (Esc)</source>
        <translation>隐藏此警报，直到下次失败（Esc）</translation>
    </message>
    <message>
        <source>Batch &lt;b&gt;%1&lt;/b&gt; · Operator &lt;b&gt;%2&lt;/b&gt; · Station &lt;b&gt;%3&lt;/b&gt;</source>
        <translation>批次 &lt;b&gt;%1&lt;/b&gt; · 操作员 &lt;b&gt;%2&lt;/b&gt; · 工作站 &lt;b&gt;%3&lt;/b&gt;</translation>
    </message>
    <message>
        <source>✔ %1 passed   ✖ %2 failed   ▶ %3 running   %4 skipped</source>
        <translation>✔ %1 通过   ✖ %2 失败   ▶ %3 进行中   %4 已跳过</translation>
    </message>
    <message>
        <source>%1 devices/hour</source>
        <translation>%1 台设备/小时</translation>
    </message>
    <message>
        <source>FIELD SERVICE: %1 — %2</source>
        <translation>现场服务：%1 — %2</translation>
    </message>
    <message>
        <source>(%1 failures since the last dismiss)</source>
        <translation>（自上次忽略以来失败 %1 次）</translation>
    </message>
    <message>
        <source>%1 failed at %2: %3</source>
        <translation>%1 在 %2 失败：%3</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>未给出原因</translation>
    </message>
    <message>
        <source>No new device starts: %1</source>
        <translation>不再启动新设备：%1</translation>
    </message>
</context>
<context>
    <name>Blackbird::ConnectionTest</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>DNS</source>
        <translation>DNS</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Registration service</source>
        <translation>注册服务</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Device type</source>
        <translation>设备类型</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>The registration URL &quot;%1&quot; is not a URL. Enter it as https://host:port/v1/registrations.</source>
        <translation>注册 URL“%1”不是有效的 URL。请按 https://host:port/v1/registrations 的格式输入。</translation>
    </message>
    <message>
        <source>The registration URL must start with https://; the station never sends the API key unencrypted.</source>
        <translation>注册 URL 必须以 https:// 开头；工作站绝不以未加密方式发送 API 密钥。</translation>
    </message>
    <message>
        <source>%1 is an IP address; no DNS lookup needed.</source>
        <translation>%1 是 IP 地址，无需 DNS 查询。</translation>
    </message>
    <message>
        <source>Looking up %1…</source>
        <translation>正在解析 %1…</translation>
    </message>
    <message>
        <source>The host name %1 could not be resolved (%2). Check the URL and the station&apos;s network and DNS settings.</source>
        <translation>无法解析主机名 %1（%2）。请检查 URL 以及工作站的网络和 DNS 设置。</translation>
    </message>
    <message>
        <source>%1 resolves to %2.</source>
        <translation>%1 解析为 %2。</translation>
    </message>
    <message>
        <source>The TLS handshake with %1 failed: %2. Check that the CA file is the one that signed the service&apos;s certificate and that the URL&apos;s host name is in it.</source>
        <translation>与 %1 的 TLS 握手失败：%2。请检查 CA 文件是否来自签发该服务证书的 CA，以及该证书是否包含 URL 中的主机名。</translation>
    </message>
    <message>
        <source>Nothing accepts connections at %1 (connection refused). Is the registration service running, and is the port right?</source>
        <translation>%1 上没有程序接受连接（连接被拒绝）。注册服务是否在运行？端口是否正确？</translation>
    </message>
    <message>
        <source>The host %1 was not found.</source>
        <translation>未找到主机 %1。</translation>
    </message>
    <message>
        <source>%1 did not answer within %2 seconds. Check the network path (firewall, proxy).</source>
        <translation>%1 在 %2 秒内未响应。请检查网络路径（防火墙、代理）。</translation>
    </message>
    <message>
        <source>%1 closed the connection: %2</source>
        <translation>%1 关闭了连接：%2</translation>
    </message>
    <message>
        <source>Could not reach %1: %2</source>
        <translation>无法访问 %1：%2</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>TLS handshake verified against the configured CA (%1).</source>
        <translation>TLS 握手已通过所配置 CA 的验证（%1）。</translation>
    </message>
    <message>
        <source>The registration service answers but its database does not (503). Devices cannot be registered until it is back.</source>
        <translation>注册服务有响应，但其数据库无响应（503）。数据库恢复之前无法注册设备。</translation>
    </message>
    <message>
        <source>%1 answered %2 to the health check; is this the registration service?</source>
        <translation>%1 对健康检查返回了 %2；这是注册服务吗？</translation>
    </message>
    <message>
        <source>The registration service is up and its database answers.</source>
        <translation>注册服务正在运行，其数据库有响应。</translation>
    </message>
    <message>
        <source>No API key to test: type one in the API key field or store one in the keychain first.</source>
        <translation>没有可测试的 API 密钥：请先在“API 密钥”字段中输入，或将其存入钥匙串。</translation>
    </message>
    <message>
        <source>Checking the API key…</source>
        <translation>正在检查 API 密钥…</translation>
    </message>
    <message>
        <source>The service received no API key. Enter the key again.</source>
        <translation>服务未收到 API 密钥。请重新输入密钥。</translation>
    </message>
    <message>
        <source>The service does not know this API key (%1). Check the key with whoever issued it; keys are per deployment.</source>
        <translation>服务无法识别此 API 密钥（%1）。请与密钥签发方核对；每个部署使用各自的密钥。</translation>
    </message>
    <message>
        <source>The key is known but has used up its rate allowance (429); try again in a minute.</source>
        <translation>密钥有效，但已用完请求配额（429）；请一分钟后重试。</translation>
    </message>
    <message>
        <source>The API key is accepted.</source>
        <translation>API 密钥已被接受。</translation>
    </message>
    <message>
        <source>Unexpected answer %1 %2 to the API key check.</source>
        <translation>API 密钥检查收到意外响应 %1 %2。</translation>
    </message>
    <message>
        <source>The device type &quot;%1&quot; is not valid: use 1 to 64 characters of a-z, 0-9, dot, underscore and hyphen.</source>
        <translation>设备类型“%1”无效：请使用 1 到 64 个字符，仅限 a-z、0-9、点、下划线和连字符。</translation>
    </message>
    <message>
        <source>Connection works: DNS, TLS, service and API key passed. Whether the key may register %1 is known only when the first device registers (the service offers no check that registers nothing).</source>
        <translation>连接正常：DNS、TLS、服务和 API 密钥均已通过。该密钥能否注册 %1，要到第一台设备注册时才能知道（服务不提供不产生注册的检查）。</translation>
    </message>
    <message>
        <source>every device type</source>
        <translation>所有设备类型</translation>
    </message>
</context>
<context>
    <name>Blackbird::DeviceBoardModel</name>
    <message>
        <source>Identify</source>
        <translation>识别</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>注册</translation>
    </message>
    <message>
        <source>Transfer claim</source>
        <translation>传输声明凭据</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Start provisioning</source>
        <translation>开始预配</translation>
    </message>
    <message>
        <source>Fleet handshake</source>
        <translation>队列握手</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>生产</translation>
    </message>
    <message>
        <source>Rotate</source>
        <translation>轮换</translation>
    </message>
    <message>
        <source>Replace claim</source>
        <translation>替换声明凭据</translation>
    </message>
    <message>
        <source>Erase claim</source>
        <translation>擦除声明凭据</translation>
    </message>
    <message>
        <source>Waiting to start</source>
        <translation>等待开始</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Passed (%1)</source>
        <translation>通过（%1）</translation>
    </message>
    <message>
        <source>Failed at %1</source>
        <translation>在 %1 失败</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Skipped: already provisioned</source>
        <translation>已跳过：已预配</translation>
    </message>
    <message>
        <source>Skipped: %1</source>
        <translation>已跳过：%1</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation>已取消：%1</translation>
    </message>
    <message>
        <source>%1 (%2 of %3)</source>
        <translation>%1（第 %2 步，共 %3 步）</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>%1, %2%</source>
        <translation>%1，%2%</translation>
    </message>
    <message>
        <source>Stopped at %1</source>
        <translation>停止于 %1</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>expired %1 ago</source>
        <translation>已过期 %1</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>已用时间</translation>
    </message>
    <message>
        <source>Device uuid</source>
        <translation>设备 UUID</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation>固件</translation>
    </message>
    <message>
        <source>USB serial</source>
        <translation>USB 序列号</translation>
    </message>
    <message>
        <source>Claim certificate</source>
        <translation>声明证书</translation>
    </message>
    <message>
        <source>Ownership token</source>
        <translation>所有权令牌</translation>
    </message>
    <message numerus="yes">
        <source>expired %n days ago</source>
        <translation>
            <numerusform>已过期 %n 天</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days left</source>
        <translation>
            <numerusform>剩余 %n 天</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Blackbird::DeviceBoardView</name>
    <message>
        <source>Device board</source>
        <translation>设备面板</translation>
    </message>
    <message>
        <source>No device connected yet.
Plug a device into a USB port of this station; it appears here within a second.</source>
        <translation>尚未连接设备。
请将设备插入本工作站的 USB 端口；设备会在一秒内显示在这里。</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <source>Provision the selected device (Ctrl+Enter)</source>
        <translation>预配所选设备（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>重试(&amp;R)</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>Retry the selected device from the step that failed (Ctrl+R)</source>
        <translation>从失败的步骤开始重试所选设备（Ctrl+R）</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>Ctrl+.</source>
        <translation>Ctrl+.</translation>
    </message>
    <message>
        <source>Stop the selected device (Ctrl+.)</source>
        <translation>停止所选设备（Ctrl+.）</translation>
    </message>
    <message>
        <source>Start &amp;all</source>
        <translation>全部开始(&amp;A)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Return</source>
        <translation>Ctrl+Shift+Return</translation>
    </message>
    <message>
        <source>Provision every device that is not running (Ctrl+Shift+Enter)</source>
        <translation>预配所有未在运行的设备（Ctrl+Shift+Enter）</translation>
    </message>
    <message>
        <source>Stop a&amp;ll</source>
        <translation>全部停止(&amp;L)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+.</source>
        <translation>Ctrl+Shift+.</translation>
    </message>
    <message>
        <source>Stop every running and queued device (Ctrl+Shift+.)</source>
        <translation>停止所有运行中和排队中的设备（Ctrl+Shift+.）</translation>
    </message>
    <message>
        <source>cancelled by the operator</source>
        <translation>已被操作员取消</translation>
    </message>
    <message>
        <source>stopped by the operator</source>
        <translation>已被操作员停止</translation>
    </message>
</context>
<context>
    <name>Blackbird::FieldServiceDialog</name>
    <message>
        <source>Field service</source>
        <translation>现场服务</translation>
    </message>
    <message>
        <source>Port %1
Device %2 (%3, firmware %4)
Last outcome: %5
Thing: %6</source>
        <translation>端口 %1
设备 %2（%3，固件 %4）
上次结果：%5
物品（Thing）：%6</translation>
    </message>
    <message>
        <source>not identified yet</source>
        <translation>尚未识别</translation>
    </message>
    <message>
        <source>type unknown</source>
        <translation>类型未知</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>none known</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <source>Field-service action</source>
        <translation>现场服务操作</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>操作(&amp;A)：</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Why this device is serviced, e.g. &quot;RMA 4711: claim expired in storage&quot;</source>
        <translation>为何对此设备进行服务，例如“RMA 4711：声明凭据在库存期间过期”</translation>
    </message>
    <message>
        <source>&amp;Reason (required):</source>
        <translation>原因(&amp;R)（必填）：</translation>
    </message>
    <message>
        <source>I understand that the device cannot provision again until it gets new claim credentials</source>
        <translation>我了解，在获得新的声明凭据之前，该设备无法再次预配</translation>
    </message>
    <message>
        <source>&amp;Switch to field service</source>
        <translation>切换到现场服务(&amp;S)</translation>
    </message>
    <message>
        <source>Devices you start from now on run the chosen action instead of production provisioning, until you switch back to production. The reason is written to every audit record.</source>
        <translation>从现在起启动的设备将执行所选操作，而不是生产预配，直到切换回生产模式。原因会写入每条审计记录。</translation>
    </message>
    <message>
        <source>Enter the reason for this field service; it is recorded with every attempt.</source>
        <translation>请输入此次现场服务的原因；每次尝试都会记录该原因。</translation>
    </message>
    <message>
        <source>The reason is too short to mean anything in the audit record.</source>
        <translation>原因太短，在审计记录中没有意义。</translation>
    </message>
    <message>
        <source>Erasing the claim needs your confirmation: tick the box above.</source>
        <translation>擦除声明凭据需要您确认：请勾选上方的复选框。</translation>
    </message>
    <message>
        <source>Runs fleet provisioning again with the claim the device already stores; the device gets a new permanent certificate.</source>
        <translation>使用设备已存储的声明凭据再次运行队列预配；设备将获得新的永久证书。</translation>
    </message>
    <message>
        <source>Registers the device again and gives it new claim credentials, replacing the stored ones.</source>
        <translation>重新注册设备并为其提供新的声明凭据，替换已存储的凭据。</translation>
    </message>
    <message>
        <source>Erases the claim credentials stored on the device.</source>
        <translation>擦除设备上存储的声明凭据。</translation>
    </message>
</context>
<context>
    <name>Blackbird::FirstRunDialog</name>
    <message>
        <source>Import a test stack&apos;s endpoints…</source>
        <translation>导入测试栈的端点…</translation>
    </message>
    <message>
        <source>Enter the settings…</source>
        <translation>输入设置…</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>暂不设置</translation>
    </message>
    <message>
        <source>Set up this station</source>
        <translation>设置此工作站</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;This station has no profile yet.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;A profile says where the registration service and the broker are, which device types and fleet-provisioning template to use and which ports to watch. The API key is kept in the system&apos;s keychain, never in the profile.&lt;/p&gt;&lt;p&gt;On a test bench running &lt;tt&gt;blackbird-local&lt;/tt&gt;, import its &lt;tt&gt;endpoints.json&lt;/tt&gt;; otherwise enter the settings your Blackbird account gives.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;此工作站还没有配置文件。&lt;/b&gt;&lt;/p&gt;&lt;p&gt;配置文件指定注册服务和消息代理的位置、要使用的设备类型和队列预配模板，以及要监视的端口。API 密钥保存在系统钥匙串中，绝不保存在配置文件中。&lt;/p&gt;&lt;p&gt;在运行 &lt;tt&gt;blackbird-local&lt;/tt&gt; 的测试台上，请导入其 &lt;tt&gt;endpoints.json&lt;/tt&gt;；否则请输入您的 Blackbird 账户提供的设置。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Endpoints of a local Blackbird stack</source>
        <translation>本地 Blackbird 栈的端点</translation>
    </message>
    <message>
        <source>Endpoints (endpoints.json);;JSON files (*.json)</source>
        <translation>端点 (endpoints.json);;JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>The endpoints were not imported: %1</source>
        <translation>未导入端点：%1</translation>
    </message>
    <message>
        <source>Imported. Check the settings, enter the API key and save.</source>
        <translation>已导入。请检查设置，输入 API 密钥并保存。</translation>
    </message>
</context>
<context>
    <name>Blackbird::HistoryModel</name>
    <message>
        <source>Running</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>Identify</source>
        <translation>识别</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>注册</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>传输</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Provision</source>
        <translation>预配</translation>
    </message>
    <message>
        <source>Watch</source>
        <translation>监视</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>生产</translation>
    </message>
    <message>
        <source>Rotate</source>
        <translation>轮换</translation>
    </message>
    <message>
        <source>Replace claim</source>
        <translation>替换声明凭据</translation>
    </message>
    <message>
        <source>Erase claim</source>
        <translation>擦除声明凭据</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>USB serial %1</source>
        <translation>USB 序列号 %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Device UUID</source>
        <translation>设备 UUID</translation>
    </message>
    <message>
        <source>Device type</source>
        <translation>设备类型</translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation>固件</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
</context>
<context>
    <name>Blackbird::HistoryView</name>
    <message>
        <source>Provisioning history</source>
        <translation>预配历史</translation>
    </message>
    <message>
        <source>Attempt details</source>
        <translation>尝试详情</translation>
    </message>
    <message>
        <source>Steps of the attempt</source>
        <translation>尝试的步骤</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Search uuid, type, port, certificate, operator, reason</source>
        <translation>搜索 UUID、类型、端口、证书、操作员、原因</translation>
    </message>
    <message>
        <source>Search the history</source>
        <translation>搜索历史</translation>
    </message>
    <message>
        <source>Outcome shown</source>
        <translation>显示的结果</translation>
    </message>
    <message>
        <source>Any outcome</source>
        <translation>所有结果</translation>
    </message>
    <message>
        <source>Batch id</source>
        <translation>批次 ID</translation>
    </message>
    <message>
        <source>Batch shown</source>
        <translation>显示的批次</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Read the history again (F5)</source>
        <translation>重新读取历史（F5）</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Save the attempts shown, with their steps, as CSV</source>
        <translation>将显示的尝试及其步骤保存为 CSV</translation>
    </message>
    <message>
        <source>Batch report…</source>
        <translation>批次报告…</translation>
    </message>
    <message>
        <source>Save a printable PDF listing every device of the batch (Ctrl+P)</source>
        <translation>保存列出该批次所有设备的可打印 PDF（Ctrl+P）</translation>
    </message>
    <message>
        <source>Reading the history…</source>
        <translation>正在读取历史…</translation>
    </message>
    <message>
        <source>1 attempt</source>
        <translation>1 次尝试</translation>
    </message>
    <message>
        <source>%1 attempts</source>
        <translation>%1 次尝试</translation>
    </message>
    <message>
        <source>(the newest %1; narrow the search to see older ones)</source>
        <translation>（最新的 %1 条；缩小搜索范围以查看更早的记录）</translation>
    </message>
    <message>
        <source>&lt;p&gt;Select an attempt to see its steps.&lt;/p&gt;</source>
        <translation>&lt;p&gt;选择一次尝试以查看其步骤。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Device UUID</source>
        <translation>设备 UUID</translation>
    </message>
    <message>
        <source>Device type</source>
        <translation>设备类型</translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation>固件</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>USB serial</source>
        <translation>USB 序列号</translation>
    </message>
    <message>
        <source>Claim certificate</source>
        <translation>声明证书</translation>
    </message>
    <message>
        <source>Thing</source>
        <translation>物品（Thing）</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>尝试</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>正在保存 %1…</translation>
    </message>
    <message>
        <source>Saved the history to %1</source>
        <translation>历史已保存到 %1</translation>
    </message>
    <message>
        <source>Could not save the history: %1</source>
        <translation>无法保存历史：%1</translation>
    </message>
    <message>
        <source>Writing the report for batch %1…</source>
        <translation>正在生成批次 %1 的报告…</translation>
    </message>
    <message>
        <source>Saved the batch report to %1</source>
        <translation>批次报告已保存到 %1</translation>
    </message>
    <message>
        <source>Batch report: %1</source>
        <translation>批次报告：%1</translation>
    </message>
    <message>
        <source>Station: %1. Operator: %2.</source>
        <translation>工作站：%1。操作员：%2。</translation>
    </message>
    <message>
        <source>From %1 to %2.</source>
        <translation>从 %1 到 %2。</translation>
    </message>
    <message>
        <source>%1 devices: %2 passed, %3 failed, %4 skipped, %5 other.</source>
        <translation>%1 台设备：%2 台通过，%3 台失败，%4 台跳过，%5 台其他。</translation>
    </message>
    <message>
        <source>Report written %1.</source>
        <translation>报告生成于 %1。</translation>
    </message>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Batch %1 has no attempts in the history; no report was written.</source>
        <translation>历史中没有批次 %1 的尝试；未生成报告。</translation>
    </message>
    <message>
        <source>Could not write the report: the folder %1 does not exist.</source>
        <translation>无法写入报告：文件夹 %1 不存在。</translation>
    </message>
    <message>
        <source>Batch report %1</source>
        <translation>批次报告 %1</translation>
    </message>
    <message>
        <source>Could not write the report to %1: check that the folder is writable.</source>
        <translation>无法将报告写入 %1：请检查该文件夹是否可写。</translation>
    </message>
    <message>
        <source>Export history</source>
        <translation>导出历史</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose a batch first: type its id or select one of its attempts.</source>
        <translation>请先选择批次：输入批次 ID，或选择该批次的一次尝试。</translation>
    </message>
    <message>
        <source>Save batch report</source>
        <translation>保存批次报告</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>Blackbird::LogModel</name>
    <message>
        <source>Debug</source>
        <translation>调试</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Fatal</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
</context>
<context>
    <name>Blackbird::LogView</name>
    <message>
        <source>Station log</source>
        <translation>工作站日志</translation>
    </message>
</context>
<context>
    <name>Blackbird::MainWindow</name>
    <message>
        <source>Blackbird Provisioning Station</source>
        <translation>Blackbird 预配工作站</translation>
    </message>
    <message>
        <source>Station log</source>
        <translation>工作站日志</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Rescan ports</source>
        <translation>重新扫描端口(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Blackbird Provisioning Station</source>
        <translation>关于 Blackbird 预配工作站(&amp;A)</translation>
    </message>
    <message>
        <source>Device ports: %1</source>
        <translation>设备端口：%1</translation>
    </message>
    <message>
        <source>About Blackbird Provisioning Station</source>
        <translation>关于 Blackbird 预配工作站</translation>
    </message>
    <message>
        <source>Blackbird Provisioning Station %1

Gives IoT devices their identity on the factory floor.</source>
        <translation>Blackbird 预配工作站 %1

在生产车间为物联网设备赋予身份。</translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation>时间线(&amp;T)</translation>
    </message>
    <message>
        <source>Raw &amp;console</source>
        <translation>原始控制台(&amp;C)</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>&amp;Device</source>
        <translation>设备(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Station</source>
        <translation>工作站(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Field service…</source>
        <translation>现场服务(&amp;F)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+F</source>
        <translation>Ctrl+Shift+F</translation>
    </message>
    <message>
        <source>Back to &amp;production</source>
        <translation>返回生产(&amp;P)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+P</source>
        <translation>Ctrl+Shift+P</translation>
    </message>
    <message>
        <source>&amp;Lock station…</source>
        <translation>锁定工作站(&amp;L)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <source>&amp;Unlock station…</source>
        <translation>解锁工作站(&amp;U)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+U</source>
        <translation>Ctrl+Shift+U</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>Beep when a device &amp;fails</source>
        <translation>设备失败时发出蜂鸣(&amp;F)</translation>
    </message>
    <message>
        <source>Show an &amp;alert banner when a device fails</source>
        <translation>设备失败时显示警报横幅(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>As the &amp;system</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>The station speaks %1 from its next start.</source>
        <translation>下次启动后工作站语言：%1。</translation>
    </message>
    <message numerus="yes">
        <source>Ready. %n attempt(s) left running by the last run were marked interrupted.</source>
        <translation>
            <numerusform>就绪。上次运行遗留的 %n 个进行中的尝试已标记为已中断。</numerusform>
        </translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>就绪。</translation>
    </message>
    <message>
        <source>Blocked: %1</source>
        <translation>已阻止：%1</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Ctrl+H</source>
        <translation>Ctrl+H</translation>
    </message>
    <message>
        <source>Broker: watching</source>
        <translation>消息代理：监视中</translation>
    </message>
    <message>
        <source>Broker: not connected (%1)</source>
        <translation>消息代理：未连接（%1）</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>正在连接</translation>
    </message>
    <message>
        <source>The station is locked; a supervisor must unlock it first.</source>
        <translation>工作站已锁定；须先由主管解锁。</translation>
    </message>
    <message>
        <source>The station is not configured yet; open the settings first.</source>
        <translation>工作站尚未设置；请先打开设置。</translation>
    </message>
    <message>
        <source>Choose a field-service action.</source>
        <translation>请选择现场服务操作。</translation>
    </message>
    <message>
        <source>Field service needs a reason.</source>
        <translation>现场服务需要填写原因。</translation>
    </message>
    <message>
        <source>Back to production</source>
        <translation>返回生产</translation>
    </message>
    <message>
        <source>The station stays in field service: %1</source>
        <translation>工作站仍处于现场服务：%1</translation>
    </message>
    <message>
        <source>Field service</source>
        <translation>现场服务</translation>
    </message>
    <message>
        <source>The station could not switch to field service: %1</source>
        <translation>工作站无法切换到现场服务：%1</translation>
    </message>
    <message>
        <source>Unlock station</source>
        <translation>解锁工作站</translation>
    </message>
    <message>
        <source>That is not the supervisor passphrase; the station stays locked.</source>
        <translation>这不是主管口令；工作站保持锁定。</translation>
    </message>
    <message>
        <source>Lock station</source>
        <translation>锁定工作站</translation>
    </message>
    <message>
        <source>Lock the station? Settings and field service are hidden until a supervisor unlocks it with the passphrase. Provisioning goes on.</source>
        <translation>锁定工作站？在主管使用口令解锁之前，设置和现场服务将被隐藏。预配会继续进行。</translation>
    </message>
    <message>
        <source>Choose the supervisor passphrase (at least %1 characters). It is needed to unlock settings and field service.</source>
        <translation>请设置主管口令（至少 %1 个字符）。解锁设置和现场服务时需要此口令。</translation>
    </message>
    <message>
        <source>Type the passphrase again:</source>
        <translation>再次输入口令：</translation>
    </message>
    <message>
        <source>The two passphrases differ; the station stays unlocked.</source>
        <translation>两次输入的口令不一致；工作站保持未锁定。</translation>
    </message>
    <message>
        <source>The passphrase is shorter than %1 characters; the station stays unlocked.</source>
        <translation>口令短于 %1 个字符；工作站保持未锁定。</translation>
    </message>
    <message>
        <source>Supervisor passphrase:</source>
        <translation>主管口令：</translation>
    </message>
    <message>
        <source>Blackbird Provisioning Station (locked)</source>
        <translation>Blackbird 预配工作站（已锁定）</translation>
    </message>
</context>
<context>
    <name>Blackbird::PortListModel</name>
    <message>
        <source>%1 (device %2)</source>
        <translation>%1（设备 %2）</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>匹配模式</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Device node</source>
        <translation>设备节点</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>USB serial number</source>
        <translation>USB 序列号</translation>
    </message>
    <message>
        <source>USB id</source>
        <translation>USB ID</translation>
    </message>
    <message>
        <source>Found by</source>
        <translation>发现方式</translation>
    </message>
</context>
<context>
    <name>Blackbird::PortsView</name>
    <message>
        <source>Device ports</source>
        <translation>设备端口</translation>
    </message>
    <message>
        <source>serial ports of this computer</source>
        <translation>本计算机的串口</translation>
    </message>
    <message>
        <source>USB serial adapters with the set ids</source>
        <translation>具有所设 ID 的 USB 串口适配器</translation>
    </message>
    <message>
        <source>Looking for device ports…</source>
        <translation>正在查找设备端口…</translation>
    </message>
    <message>
        <source>No device ports found.

Plug in a device, or check where the station looks for ports:
%1</source>
        <translation>未找到设备端口。

请连接设备，或检查工作站查找端口的位置：
%1</translation>
    </message>
    <message>
        <source>(nowhere: no pattern is set)</source>
        <translation>（无处：未设置匹配模式）</translation>
    </message>
</context>
<context>
    <name>Blackbird::RawConsoleModel</name>
    <message>
        <source>RX ←</source>
        <translation>接收 ←</translation>
    </message>
    <message>
        <source>TX →</source>
        <translation>发送 →</translation>
    </message>
    <message>
        <source>Received from the device</source>
        <translation>从设备接收</translation>
    </message>
    <message>
        <source>Sent to the device</source>
        <translation>发送到设备</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Bytes as text</source>
        <translation>字节（文本）</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>偏移</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <source>ASCII</source>
        <translation>ASCII</translation>
    </message>
</context>
<context>
    <name>Blackbird::RawConsoleView</name>
    <message>
        <source>Raw serial traffic</source>
        <translation>原始串口流量</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Show the bytes as text, with control bytes escaped (Alt+T)</source>
        <translation>以文本显示字节，控制字节转义显示（Alt+T）</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <source>Show a hex dump with offsets (Alt+H)</source>
        <translation>显示带偏移的十六进制转储（Alt+H）</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Raw traffic on %1</source>
        <translation>%1 上的原始流量</translation>
    </message>
    <message>
        <source>No port chosen: pick a device to see its raw traffic</source>
        <translation>未选择端口：选择一台设备以查看其原始流量</translation>
    </message>
    <message>
        <source>TX →</source>
        <translation>发送 →</translation>
    </message>
    <message>
        <source>%1 bytes kept</source>
        <translation>保留 %1 字节</translation>
    </message>
    <message>
        <source>(%1 older bytes dropped)</source>
        <translation>（已丢弃 %1 个较早的字节）</translation>
    </message>
    <message>
        <source>Copy the selected rows (Ctrl+C)</source>
        <translation>复制所选行（Ctrl+C）</translation>
    </message>
</context>
<context>
    <name>Blackbird::SettingsDialog</name>
    <message>
        <source>Start provisioning as soon as a device is plugged in</source>
        <translation>设备插入后立即开始预配</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>Station settings</source>
        <translation>工作站设置</translation>
    </message>
    <message>
        <source>Profile &amp;name:</source>
        <translation>配置文件名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Registration &amp;URL:</source>
        <translation>注册 URL(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;CA file:</source>
        <translation>CA 文件(&amp;C)：</translation>
    </message>
    <message>
        <source>C&amp;laim CA file:</source>
        <translation>声明 CA 文件(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Broker host:</source>
        <translation>消息代理主机(&amp;B)：</translation>
    </message>
    <message>
        <source>Broker &amp;port:</source>
        <translation>消息代理端口(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Operator certificate:</source>
        <translation>操作员证书(&amp;O)：</translation>
    </message>
    <message>
        <source>e.g. blackbird-sensor-v1, blackbird-gateway-v1</source>
        <translation>例如 blackbird-sensor-v1, blackbird-gateway-v1</translation>
    </message>
    <message>
        <source>&amp;Device types:</source>
        <translation>设备类型(&amp;D)：</translation>
    </message>
    <message>
        <source>One path pattern per line, e.g. /dev/serial/by-id/*</source>
        <translation>每行一个路径模式，例如 /dev/serial/by-id/*</translation>
    </message>
    <message>
        <source>Port p&amp;atterns:</source>
        <translation>端口模式(&amp;A)：</translation>
    </message>
    <message>
        <source>e.g. 0403:6001, 10c4 (empty: any USB adapter)</source>
        <translation>例如 0403:6001, 10c4（留空：任意 USB 适配器）</translation>
    </message>
    <message>
        <source>USB &amp;ids:</source>
        <translation>USB ID(&amp;I)：</translation>
    </message>
    <message>
        <source>Devices at &amp;once:</source>
        <translation>同时处理的设备数(&amp;O)：</translation>
    </message>
    <message>
        <source>Baud &amp;rate:</source>
        <translation>波特率(&amp;R)：</translation>
    </message>
    <message>
        <source>empty: this computer&apos;s host name</source>
        <translation>留空：使用本计算机的主机名</translation>
    </message>
    <message>
        <source>&amp;Station id:</source>
        <translation>工作站 ID(&amp;S)：</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>leave empty to keep the stored key</source>
        <translation>留空则保留已存储的密钥</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API 密钥(&amp;K)：</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 失败：%2</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose a file for %1</source>
        <translation>为 %1 选择文件</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>PEM 文件 (*.pem *.crt *.key);;所有文件 (*)</translation>
    </message>
    <message>
        <source>BLACKBIRD_API_KEY is set in the environment and overrides the keychain on this station.</source>
        <translation>环境变量中已设置 BLACKBIRD_API_KEY，在此工作站上它优先于钥匙串。</translation>
    </message>
    <message>
        <source>Stored only in the system keychain, never in the profile file.</source>
        <translation>仅存储在系统钥匙串中，绝不存入配置文件。</translation>
    </message>
    <message>
        <source>Looking in the keychain…</source>
        <translation>正在查找钥匙串…</translation>
    </message>
    <message>
        <source>A key for this profile is stored in the keychain.</source>
        <translation>钥匙串中已存储此配置文件的密钥。</translation>
    </message>
    <message>
        <source>No key stored for this profile yet: enter one.</source>
        <translation>此配置文件尚未存储密钥：请输入密钥。</translation>
    </message>
    <message>
        <source>The profile name must be 1 to 64 letters, digits, dots, underscores or hyphens, not starting with a dot.</source>
        <translation>配置文件名称必须由 1 到 64 个字母、数字、点、下划线或连字符组成，且不能以点开头。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a USB id; write vendor:product in hex, e.g. 0403:6001.</source>
        <translation>“%1”不是 USB ID；请以十六进制写成 厂商:产品，例如 0403:6001。</translation>
    </message>
    <message>
        <source>The registration URL must start with https://.</source>
        <translation>注册 URL 必须以 https:// 开头。</translation>
    </message>
    <message>
        <source>The API key contains spaces; paste it again without them.</source>
        <translation>API 密钥包含空格；请去掉空格后重新粘贴。</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>正在测试连接…</translation>
    </message>
    <message>
        <source>Storing the API key in the keychain…</source>
        <translation>正在将 API 密钥存入钥匙串…</translation>
    </message>
    <message>
        <source>The API key was not stored: %1</source>
        <translation>未存储 API 密钥：%1</translation>
    </message>
    <message>
        <source>Saving the profile…</source>
        <translation>正在保存配置文件…</translation>
    </message>
    <message>
        <source>The profile was not saved: %1</source>
        <translation>未保存配置文件：%1</translation>
    </message>
    <message>
        <source>Operator ke&amp;y:</source>
        <translation>操作员密钥(&amp;Y)：</translation>
    </message>
    <message>
        <source>Provisioning te&amp;mplate:</source>
        <translation>预配模板(&amp;M)：</translation>
    </message>
</context>
<context>
    <name>Blackbird::StationController</name>
    <message>
        <source>the station was closed</source>
        <translation>工作站已关闭</translation>
    </message>
    <message>
        <source>No station profile yet. Open File &gt; Settings to create one.</source>
        <translation>尚无工作站配置文件。请打开“文件 &gt; 设置”创建一个。</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>The broker cannot be watched, so no device can be verified: %1</source>
        <translation>无法监视消息代理，因此无法验证任何设备：%1</translation>
    </message>
    <message>
        <source>The audit database could not be opened, so no device starts: %1</source>
        <translation>无法打开审计数据库，因此不会启动任何设备：%1</translation>
    </message>
    <message>
        <source>No API key for profile %1: %2 Enter it in File &gt; Settings.</source>
        <translation>配置文件 %1 没有 API 密钥：%2 请在“文件 &gt; 设置”中输入。</translation>
    </message>
</context>
<context>
    <name>Blackbird::TimelineModel</name>
    <message>
        <source>Debug</source>
        <translation>调试</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>控制台</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Broker</source>
        <translation>消息代理</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Station time: %1 (%2 UTC)</source>
        <translation>工作站时间：%1（UTC %2）</translation>
    </message>
    <message>
        <source>The device gave no time for this line</source>
        <translation>设备未给出此行的时间</translation>
    </message>
    <message>
        <source>Device time: %1 (%2 UTC)</source>
        <translation>设备时间：%1（UTC %2）</translation>
    </message>
    <message>
        <source>%1, device %2</source>
        <translation>%1，设备 %2</translation>
    </message>
    <message>
        <source>%1 %2 %3: %4</source>
        <translation>%1 %2 %3：%4</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Device time</source>
        <translation>设备时间</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
</context>
<context>
    <name>Blackbird::TimelineStore</name>
    <message>
        <source>Could not write the timeline to %1: %2</source>
        <translation>无法将时间线写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>Blackbird::TimelineView</name>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Copy lines</source>
        <translation>复制行</translation>
    </message>
    <message>
        <source>Lowest level shown</source>
        <translation>显示的最低级别</translation>
    </message>
    <message>
        <source>All levels</source>
        <translation>所有级别</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>信息及以上</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>警告和错误</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>仅错误</translation>
    </message>
    <message>
        <source>Lines from the source %1: click to show or hide them</source>
        <translation>来源为 %1 的行：单击以显示或隐藏</translation>
    </message>
    <message>
        <source>Show lines from the source %1</source>
        <translation>显示来源为 %1 的行</translation>
    </message>
    <message>
        <source>Search the timeline</source>
        <translation>搜索时间线</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>跟随</translation>
    </message>
    <message>
        <source>Keep the newest line in view (Ctrl+End)</source>
        <translation>保持显示最新一行（Ctrl+End）</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the selected lines with both timestamps (Ctrl+C)</source>
        <translation>复制所选行及两个时间戳（Ctrl+C）</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save the lines shown to a text file with both timestamps</source>
        <translation>将显示的行连同两个时间戳保存到文本文件</translation>
    </message>
    <message>
        <source>1 line</source>
        <translation>1 行</translation>
    </message>
    <message>
        <source>%1 lines</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <source>%1 of 1 line matches</source>
        <translation>1 行中有 %1 行匹配</translation>
    </message>
    <message>
        <source>%1 of %2 lines match</source>
        <translation>%2 行中有 %1 行匹配</translation>
    </message>
    <message>
        <source>(following paused: scroll to the end or press Follow)</source>
        <translation>（已暂停跟随：滚动到末尾或按“跟随”）</translation>
    </message>
    <message>
        <source>Saved 1 line to %1</source>
        <translation>已将 1 行保存到 %1</translation>
    </message>
    <message>
        <source>Saved %1 lines to %2</source>
        <translation>已将 %1 行保存到 %2</translation>
    </message>
    <message>
        <source>Export timeline</source>
        <translation>导出时间线</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>文本文件 (*.txt);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Gives IoT devices their identity over USB serial.</source>
        <translation>通过 USB 串口为物联网设备赋予身份。</translation>
    </message>
    <message>
        <source>Watch only ports whose path matches &lt;glob&gt; (repeatable); replaces the profile&apos;s patterns and USB ids.</source>
        <translation>仅监视路径匹配 &lt;glob&gt; 的端口（可重复指定）；替换配置文件中的端口模式和 USB ID。</translation>
    </message>
    <message>
        <source>Read and write the window&apos;s settings in the INI &lt;file&gt;.</source>
        <translation>在 INI 文件 &lt;file&gt; 中读写窗口设置。</translation>
    </message>
    <message>
        <source>Use the station profile &lt;name&gt; (default: the first).</source>
        <translation>使用工作站配置文件 &lt;name&gt;（默认：第一个）。</translation>
    </message>
    <message>
        <source>Keep station profiles in &lt;folder&gt;.</source>
        <translation>将工作站配置文件保存在文件夹 &lt;folder&gt; 中。</translation>
    </message>
    <message>
        <source>Take the endpoints from a local stack&apos;s endpoints.json &lt;file&gt; instead of a profile. The API key still comes from BLACKBIRD_API_KEY or the keychain.</source>
        <translation>从本地栈的 endpoints.json 文件 &lt;file&gt; 而不是配置文件中获取端点。API 密钥仍来自 BLACKBIRD_API_KEY 或钥匙串。</translation>
    </message>
    <message>
        <source>Provision every device as soon as its port appears.</source>
        <translation>端口一出现即预配其设备。</translation>
    </message>
    <message>
        <source>The batch id (default: now).</source>
        <translation>批次 ID（默认：当前时间）。</translation>
    </message>
    <message>
        <source>The operator&apos;s name (default: the user).</source>
        <translation>操作员姓名（默认：当前用户）。</translation>
    </message>
    <message>
        <source>Keep the audit records in the SQLite &lt;file&gt;.</source>
        <translation>将审计记录保存在 SQLite 文件 &lt;file&gt; 中。</translation>
    </message>
    <message>
        <source>The new settings were not applied: %1</source>
        <translation>新设置未应用：%1</translation>
    </message>
</context>
</TS>
