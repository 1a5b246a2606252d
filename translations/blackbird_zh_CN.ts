<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
        <source>Watch ports whose path matches &lt;glob&gt; (repeatable); replaces the patterns in the settings.</source>
        <translation>监视路径匹配 &lt;glob&gt; 的端口（可重复）；替换设置中的模式。</translation>
    </message>
    <message>
        <source>Read and write settings in the INI &lt;file&gt;.</source>
        <translation>在 INI 文件 &lt;file&gt; 中读写设置。</translation>
    </message>
</context>
</TS>
