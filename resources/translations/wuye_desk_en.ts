<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AuditViewer</name>
    <message>
        <source>操作日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>全部操作员</source>
        <translation>All operators</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>按操作名称查找，如 修改、借出、导入</source>
        <translation>Find by action, e.g. 修改, 借出, 导入</translation>
    </message>
</context>
<context>
    <name>BackgroundTask</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>GoodsPassDialog</name>
    <message>
        <source>携物出入门证</source>
        <translation>Goods pass</translation>
    </message>
    <message>
        <source>出入方向</source>
        <translation>Direction</translation>
    </message>
    <message>
        <source>房号</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>单位名称</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>携物人</source>
        <translation>Carried by</translation>
    </message>
    <message>
        <source>携物人电话</source>
        <translation>Carrier phone</translation>
    </message>
    <message>
        <source>已加盖业户公章</source>
        <translation>Stamped with the household seal</translation>
    </message>
    <message>
        <source>授权签字人</source>
        <translation>Authorised signatory</translation>
    </message>
    <message>
        <source>值班总值</source>
        <translation>Duty manager</translation>
    </message>
    <message>
        <source>业户没有公章时：备案的负责人签字</source>
        <translation>Without a seal: signature of the registered person in charge</translation>
    </message>
    <message>
        <source>物品（易燃、易爆、有毒、腐蚀性物品不予放行）</source>
        <translation>Goods (flammable, explosive, toxic or corrosive goods are not let out)</translation>
    </message>
    <message>
        <source>物品名称</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>添加物品</source>
        <translation>Add item</translation>
    </message>
    <message>
        <source>开具并打印 (Ctrl+S)</source>
        <translation>Issue and print (Ctrl+S)</translation>
    </message>
    <message>
        <source>（白天无需）</source>
        <translation>(not needed by day)</translation>
    </message>
    <message>
        <source>已拒绝并记录：{reason}</source>
        <translation>Refused and recorded: {reason}</translation>
    </message>
    <message>
        <source>已开具，单号 {serial}</source>
        <translation>Issued, number {serial}</translation>
    </message>
    <message>
        <source>打印携物出入门证</source>
        <translation>Print goods pass</translation>
    </message>
</context>
<context>
    <name>HouseholdEditor</name>
    <message>
        <source>房号</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>如 3栋2单元1502、3-2-1502、A座1203</source>
        <translation>e.g. 3栋2单元1502, 3-2-1502, A座1203</translation>
    </message>
    <message>
        <source>入伙状态</source>
        <translation>Occupancy</translation>
    </message>
    <message>
        <source>业主/租户</source>
        <translation>Owner/tenant</translation>
    </message>
    <message>
        <source>入伙日期</source>
        <translation>Move-in date</translation>
    </message>
    <message>
        <source>家庭结构</source>
        <translation>Household type</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>家庭成员（第一位为户主/主租户）</source>
        <translation>Members (the first is the owner/main tenant)</translation>
    </message>
    <message>
        <source>添加成员</source>
        <translation>Add member</translation>
    </message>
    <message>
        <source>紧急联系人（业户紧急联系表）</source>
        <translation>Emergency contacts</translation>
    </message>
    <message>
        <source>添加联系人</source>
        <translation>Add contact</translation>
    </message>
    <message>
        <source>删除所选行</source>
        <translation>Delete selected rows</translation>
    </message>
    <message>
        <source>新建业户档案</source>
        <translation>New household</translation>
    </message>
</context>
<context>
    <name>HouseholdsTab</name>
    <message>
        <source>新建 (Ctrl+N)</source>
        <translation>New (Ctrl+N)</translation>
    </message>
    <message>
        <source>保存 (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>显示完整证件号</source>
        <translation>Show full ID number</translation>
    </message>
    <message>
        <source>打印登记表 (Ctrl+P)</source>
        <translation>Print form (Ctrl+P)</translation>
    </message>
    <message>
        <source>导入名册…</source>
        <translation>Import roster…</translation>
    </message>
    <message>
        <source>导出名册…</source>
        <translation>Export roster…</translation>
    </message>
    <message>
        <source>全部楼栋</source>
        <translation>All buildings</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <source>房号、姓名、电话、拼音首字母</source>
        <translation>Unit, name, phone or pinyin initials</translation>
    </message>
    <message>
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source>不能显示</source>
        <translation>Cannot show</translation>
    </message>
    <message>
        <source>请先选择或保存一户档案，再打印登记表</source>
        <translation>Select or save a household before printing its form</translation>
    </message>
    <message>
        <source>打印客户资料登记表</source>
        <translation>Print household registration form</translation>
    </message>
    <message>
        <source>选择业户名册</source>
        <translation>Choose a household roster</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>导出业户名册</source>
        <translation>Export household roster</translation>
    </message>
    <message>
        <source>导出名册</source>
        <translation>Export roster</translation>
    </message>
    <message>
        <source>已导出 {n} 行到 {f}</source>
        <translation>Exported {n} rows to {f}</translation>
    </message>
</context>
<context>
    <name>ListPanel</name>
    <message>
        <source>共 {n} 条</source>
        <translation>{n} in all</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>登录名</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>首次启动：建立管理员</source>
        <translation>First start: create the administrator</translation>
    </message>
    <message>
        <source>这是一个新的数据库。请建立第一位管理员，之后由管理员添加其他操作员。密码忘记时只能由管理员重设。</source>
        <translation>This is a new database. Create the first administrator; the administrator then adds the other operators. A forgotten password can only be reset by an administrator.</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>交接班：切换操作员</source>
        <translation>Shift change: switch operator</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>请输入登录名和密码。</source>
        <translation>Enter your login and password.</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>确认密码</source>
        <translation>Confirm password</translation>
    </message>
    <message>
        <source>建立并登录</source>
        <translation>Create and sign in</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>物业前台 wuye-desk — {office}</source>
        <translation>Property desk wuye-desk — {office}</translation>
    </message>
    <message>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <source> 查找业户 </source>
        <translation> Find household </translation>
    </message>
    <message>
        <source>房号、姓名、电话或拼音首字母，回车打开（Ctrl+F）</source>
        <translation>Unit, name, phone or pinyin initials; Enter opens (Ctrl+F)</translation>
    </message>
    <message>
        <source>每日备份和检查</source>
        <translation>Daily backup and checks</translation>
    </message>
    <message>
        <source>每日备份或检查未完成：{e}</source>
        <translation>Daily backup or checks not finished: {e}</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>管理处设置…</source>
        <translation>Office settings…</translation>
    </message>
    <message>
        <source>操作日志…</source>
        <translation>Audit log…</translation>
    </message>
    <message>
        <source>交接班：切换操作员…</source>
        <translation>Shift change: switch operator…</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>wuye-desk {v}
物业管理处前台软件</source>
        <translation>wuye-desk {v}
Reception desk of a property-management office</translation>
    </message>
    <message>
        <source>操作员：{name}（{role}）</source>
        <translation>Operator: {name} ({role})</translation>
    </message>
    <message>
        <source>数据库：{db}</source>
        <translation>Database: {db}</translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <source>刷新 (F5)</source>
        <translation>Refresh (F5)</translation>
    </message>
    <message>
        <source>{now}&#x3000;待办 {n} 项，其中超时 {o} 项</source>
        <translation>{now}   {n} due, {o} of them overdue</translation>
    </message>
    <message>
        <source>{now}&#x3000;今天没有到期或超时的事项</source>
        <translation>{now}   nothing due or overdue today</translation>
    </message>
</context>
<context>
    <name>RosterImportDialog</name>
    <message>
        <source>导入业户名册 — {name}</source>
        <translation>Import household roster — {name}</translation>
    </message>
    <message>
        <source>正在检查文件……</source>
        <translation>Checking the file…</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>检查名册</source>
        <translation>Check roster</translation>
    </message>
    <message>
        <source>检查通过：{s}。</source>
        <translation>Check passed: {s}.</translation>
    </message>
    <message>
        <source>但其中 {n} 户已有档案（如 {u}），不能导入。</source>
        <translation>but {n} households already exist (e.g. {u}); nothing can be imported.</translation>
    </message>
    <message>
        <source>导入名册</source>
        <translation>Import roster</translation>
    </message>
    <message>
        <source>已导入 {s}。</source>
        <translation>Imported {s}.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>管理处设置</source>
        <translation>Office settings</translation>
    </message>
    <message>
        <source>界面语言（本机，重新启动后生效）</source>
        <translation>Language (this PC, after a restart)</translation>
    </message>
</context>
<context>
    <name>Terms</name>
    <message>
        <source>总览</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>业户档案</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>投诉受理</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <source>钥匙柜</source>
        <translation>Key cabinet</translation>
    </message>
    <message>
        <source>邮件登记</source>
        <translation>Mail</translation>
    </message>
    <message>
        <source>访客登记</source>
        <translation>Visitors</translation>
    </message>
    <message>
        <source>VIP客户</source>
        <translation>VIP customers</translation>
    </message>
    <message>
        <source>房号</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>户主/租户</source>
        <translation>Owner/tenant</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>身份</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>入伙状态</source>
        <translation>Occupancy</translation>
    </message>
    <message>
        <source>入伙日期</source>
        <translation>Move-in date</translation>
    </message>
    <message>
        <source>家庭结构</source>
        <translation>Household type</translation>
    </message>
    <message>
        <source>单号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>方向</source>
        <translation>Direction</translation>
    </message>
    <message>
        <source>房号/单位</source>
        <translation>Unit/company</translation>
    </message>
    <message>
        <source>携物人</source>
        <translation>Carried by</translation>
    </message>
    <message>
        <source>物品</source>
        <translation>Goods</translation>
    </message>
    <message>
        <source>盖章</source>
        <translation>Seal</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>操作员</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>变化</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>到访时间</source>
        <translation>Arrived</translation>
    </message>
    <message>
        <source>访客</source>
        <translation>Visitor</translation>
    </message>
    <message>
        <source>证件号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <source>车牌</source>
        <translation>Plate</translation>
    </message>
    <message>
        <source>被访</source>
        <translation>Visiting</translation>
    </message>
    <message>
        <source>被访人</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>停留</source>
        <translation>Stay</translation>
    </message>
    <message>
        <source>值班总值</source>
        <translation>Duty manager</translation>
    </message>
    <message>
        <source>离开时间</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>时限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>证件类型</source>
        <translation>ID type</translation>
    </message>
    <message>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>紧急联系人</source>
        <translation>Emergency contact</translation>
    </message>
    <message>
        <source>关系</source>
        <translation>Relation</translation>
    </message>
    <message>
        <source>物品名称</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit of measure</translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message>
        <source>访客登记</source>
        <translation>Visitors</translation>
    </message>
    <message>
        <source>没有车可不填；如 京A12345、粤BD12345</source>
        <translation>Leave empty without a car; e.g. 京A12345, 粤BD12345</translation>
    </message>
    <message>
        <source>如 3栋2单元1502；访问部门或公司时不填</source>
        <translation>e.g. 3栋2单元1502; empty when visiting an office or company</translation>
    </message>
    <message>
        <source>住户可不填（按档案）</source>
        <translation>Optional for residents (taken from the archive)</translation>
    </message>
    <message>
        <source>证件类型</source>
        <translation>ID type</translation>
    </message>
    <message>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>访客姓名</source>
        <translation>Visitor name</translation>
    </message>
    <message>
        <source>访客电话</source>
        <translation>Visitor phone</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <source>车牌号</source>
        <translation>Plate</translation>
    </message>
    <message>
        <source>来访事由</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>被访房号</source>
        <translation>Unit visited</translation>
    </message>
    <message>
        <source>被访单位/部门</source>
        <translation>Company/department visited</translation>
    </message>
    <message>
        <source>被访人姓名</source>
        <translation>Host name</translation>
    </message>
    <message>
        <source>被访人职位</source>
        <translation>Host position</translation>
    </message>
    <message>
        <source>被访人电话</source>
        <translation>Host phone</translation>
    </message>
    <message>
        <source>被访人答复</source>
        <translation>Host answer</translation>
    </message>
    <message>
        <source>接听人</source>
        <translation>Answered by</translation>
    </message>
    <message>
        <source>值班总值</source>
        <translation>Duty manager</translation>
    </message>
</context>
<context>
    <name>VisitorsTab</name>
    <message>
        <source>新登记 (Ctrl+N)</source>
        <translation>New visit (Ctrl+N)</translation>
    </message>
    <message>
        <source>登记 (Ctrl+S)</source>
        <translation>Register (Ctrl+S)</translation>
    </message>
    <message>
        <source>打印访客登记单 (Ctrl+P)</source>
        <translation>Print visitor slip (Ctrl+P)</translation>
    </message>
    <message>
        <source>离开登记 (Ctrl+E)</source>
        <translation>Record exit (Ctrl+E)</translation>
    </message>
    <message>
        <source>携物出入门证 (Ctrl+G)</source>
        <translation>Goods pass (Ctrl+G)</translation>
    </message>
    <message>
        <source>显示完整证件号</source>
        <translation>Show full ID number</translation>
    </message>
    <message>
        <source>离开：扫描或输入登记单号后按回车</source>
        <translation>Exit: scan or type the slip number, then Enter</translation>
    </message>
    <message>
        <source>登记单号</source>
        <translation>Slip number</translation>
    </message>
    <message>
        <source>被访人已签字</source>
        <translation>Signed by the host</translation>
    </message>
    <message>
        <source>上联已交回</source>
        <translation>Upper part returned</translation>
    </message>
    <message>
        <source>备注（上联未交回时必填）</source>
        <translation>Note (required when the upper part is not returned)</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>全部登记</source>
        <translation>All visits</translation>
    </message>
    <message>
        <source>全部日期</source>
        <translation>All dates</translation>
    </message>
    <message>
        <source>姓名、拼音首字母、电话、车牌、被访房号、单号</source>
        <translation>Name, pinyin initials, phone, plate, unit visited, number</translation>
    </message>
    <message>
        <source>（白天无需）</source>
        <translation>(not needed by day)</translation>
    </message>
    <message>
        <source>夜间登记：由您（物业总值）负责（规则G5）</source>
        <translation>Night registration: you (duty manager) are responsible (rule G5)</translation>
    </message>
    <message>
        <source>夜间登记由物业总值负责：请选择当班的物业总值（规则G5）</source>
        <translation>A duty manager is responsible at night: choose the one on duty (rule G5)</translation>
    </message>
    <message>
        <source>老访客：已按上次来访填好，请核对</source>
        <translation>Returning visitor: filled in from the last visit, please check</translation>
    </message>
    <message>
        <source>已登记，单号 {serial}；正在打印访客登记单</source>
        <translation>Registered, number {serial}; printing the visitor slip</translation>
    </message>
    <message>
        <source>被访人未同意，禁止进入；已记录为未准入，不开具访客登记单（规则V4）</source>
        <translation>The host did not agree: entry refused and recorded, no slip issued (rule V4)</translation>
    </message>
    <message>
        <source>请先在列表中选择一条登记</source>
        <translation>Select a visit in the list first</translation>
    </message>
    <message>
        <source>打印访客登记单</source>
        <translation>Print visitor slip</translation>
    </message>
    <message>
        <source>{name} 已离开，停留{stay}</source>
        <translation>{name} has left after {stay}</translation>
    </message>
    <message>
        <source>不能显示</source>
        <translation>Cannot show</translation>
    </message>
</context>
</TS>
