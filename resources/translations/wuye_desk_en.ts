<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ApproverFields</name>
    <message>
        <source>经理在本机输入自己的登录名</source>
        <translation>The manager types their own login here</translation>
    </message>
    <message>
        <source>经理本人输入，不显示、不保存</source>
        <translation>Typed by the manager; not shown, not kept</translation>
    </message>
    <message>
        <source>批准人</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <source>批准人密码</source>
        <translation>Approver&apos;s password</translation>
    </message>
</context>
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
    <name>ComplaintDetail</name>
    <message>
        <source>处理人：{h}</source>
        <translation>Handler: {h}</translation>
    </message>
    <message>
        <source>{t} {c}受理</source>
        <translation>{t} received via {c}</translation>
    </message>
    <message>
        <source>{n}人</source>
        <translation>{n} people</translation>
    </message>
    <message>
        <source>特别情形：</source>
        <translation>Special cases: </translation>
    </message>
    <message>
        <source>处理时限 {t}</source>
        <translation>fix by {t}</translation>
    </message>
    <message>
        <source>上报时限 {t}</source>
        <translation>report by {t}</translation>
    </message>
    <message>
        <source>回访时限 {t}</source>
        <translation>follow up by {t}</translation>
    </message>
    <message>
        <source>时限：</source>
        <translation>Due: </translation>
    </message>
    <message>
        <source>已超时：</source>
        <translation>Overdue: </translation>
    </message>
    <message>
        <source>同一事项：</source>
        <translation>Same matter: </translation>
    </message>
    <message>
        <source>重复发生的事项（规则C10）</source>
        <translation>Recurring matter (rule C10)</translation>
    </message>
    <message>
        <source>无效投诉，解释：</source>
        <translation>Invalid complaint, explained: </translation>
    </message>
    <message>
        <source>通报（规则C6）：</source>
        <translation>Circulation (rule C6):</translation>
    </message>
    <message>
        <source>结案时</source>
        <translation>at closing</translation>
    </message>
    <message>
        <source>回访 {t} {n}：{r}（{s}）</source>
        <translation>Follow-up {t} {n}: {r} ({s})</translation>
    </message>
    <message>
        <source>处理经过：</source>
        <translation>History:</translation>
    </message>
    <message>
        <source>（更正 #{n}）</source>
        <translation> (corrects #{n})</translation>
    </message>
</context>
<context>
    <name>ComplaintListsDialog</name>
    <message>
        <source>名单与案例</source>
        <translation>Lists and cases</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>回访名单</source>
        <translation>Return-visit list</translation>
    </message>
    <message>
        <source>值得借鉴的已关闭投诉，最新的在前；回车打开</source>
        <translation>Closed complaints worth learning from, newest first; Enter opens one</translation>
    </message>
    <message>
        <source>案例库</source>
        <translation>Case library</translation>
    </message>
    <message>
        <source>考核扣分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>{month} 反映过意见的客户，下月逐一回访（规则C10）：共 {n} 位；匿名投诉无法回访，不列入</source>
        <translation>Customers who gave feedback in {month}, each to be called back next month (rule C10): {n} in all; anonymous complaints cannot be called back and are left out</translation>
    </message>
    <message>
        <source>本月没有扣分或加分的事项</source>
        <translation>Nothing scored this month</translation>
    </message>
    <message>
        <source>&lt;b&gt;{month} 管理处考核（规则C11，1分 = 50元）&lt;/b&gt;&lt;br&gt;{body}&lt;br&gt;&lt;br&gt;合计 {points:+d} 分，{yuan:+d} 元</source>
        <translation>&lt;b&gt;{month} office score (rule C11, 1 point = ¥50)&lt;/b&gt;&lt;br&gt;{body}&lt;br&gt;&lt;br&gt;Total {points:+d} points, {yuan:+d} yuan</translation>
    </message>
</context>
<context>
    <name>ComplaintsTab</name>
    <message>
        <source>新投诉 (Ctrl+N)</source>
        <translation>New (Ctrl+N)</translation>
    </message>
    <message>
        <source>受理 (Ctrl+S)</source>
        <translation>Accept (Ctrl+S)</translation>
    </message>
    <message>
        <source>打印处理表 (Ctrl+P)</source>
        <translation>Print form (Ctrl+P)</translation>
    </message>
    <message>
        <source>打印回访记录</source>
        <translation>Print follow-up</translation>
    </message>
    <message>
        <source>名单与案例 (Alt+L)</source>
        <translation>Lists and cases (Alt+L)</translation>
    </message>
    <message>
        <source>未结（按最近时限）</source>
        <translation>Open (by next due)</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <source>全部等级</source>
        <translation>All levels</translation>
    </message>
    <message>
        <source>全部类型</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>全部楼栋</source>
        <translation>All buildings</translation>
    </message>
    <message>
        <source>全部月份</source>
        <translation>All months</translation>
    </message>
    <message>
        <source>姓名、拼音首字母、电话、房号、内容</source>
        <translation>Name, pinyin initials, phone, unit, text</translation>
    </message>
    <message>
        <source>投诉详情</source>
        <translation>Complaint details</translation>
    </message>
    <message>
        <source>档案中找不到“{t}”：如投诉人不是本小区业户，请将投诉人身份选为“非本小区/访客”</source>
        <translation>“{t}” is not in the records: if the complainant is not a resident here, choose “非本小区/访客” as the role</translation>
    </message>
    <message>
        <source>建议等级：{s}（{r}）&#x3000;处理人：{h}</source>
        <translation>Suggested level: {s} ({r})   Handler: {h}</translation>
    </message>
    <message>
        <source>已受理 {serial}：{sev}（{reason}），处理人 {handler}，处理时限 {due}</source>
        <translation>Accepted {serial}: {sev} ({reason}), handler {handler}, due {due}</translation>
    </message>
    <message>
        <source>；同一事项一并升为热点：</source>
        <translation>; same matter, also raised to hot issue: </translation>
    </message>
    <message>
        <source>请先在列表中选择一宗投诉</source>
        <translation>Select a complaint in the list first</translation>
    </message>
    <message>
        <source>打印投诉处理表</source>
        <translation>Print complaint form</translation>
    </message>
</context>
<context>
    <name>EmergencyDialog</name>
    <message>
        <source>紧急使用钥匙</source>
        <translation>Emergency key use</translation>
    </message>
    <message>
        <source>档案中没有联系人</source>
        <translation>No contacts on record</translation>
    </message>
    <message>
        <source>业主联系不上，已通知紧急联系人</source>
        <translation>Owner unreachable, emergency contact told</translation>
    </message>
    <message>
        <source>不填为现在</source>
        <translation>Empty means now</translation>
    </message>
    <message>
        <source>登记 (Ctrl+S)</source>
        <translation>Record (Ctrl+S)</translation>
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
    <name>HandoverDialog</name>
    <message>
        <source>钥匙交接</source>
        <translation>Key handover</translation>
    </message>
    <message>
        <source>格位</source>
        <translation>Slot</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>清点</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>在</source>
        <translation>In</translation>
    </message>
    <message>
        <source>（不在柜）</source>
        <translation>(not in cabinet)</translation>
    </message>
    <message>
        <source>逐格清点</source>
        <translation>Slot-by-slot count</translation>
    </message>
    <message>
        <source>逐格清点：↑↓ 移动，空格键 标记为缺</source>
        <translation>Count each slot: ↑↓ move, Space marks missing</translation>
    </message>
    <message>
        <source>柜中有钥匙但没有记录的格位，如 A-07, A-12</source>
        <translation>Slots with a key but no record, e.g. A-07, A-12</translation>
    </message>
    <message>
        <source>交接双方已核对并签字</source>
        <translation>Both keepers checked and signed</translation>
    </message>
    <message>
        <source>完成交接并打印 (Ctrl+S)</source>
        <translation>Hand over and print (Ctrl+S)</translation>
    </message>
    <message>
        <source>缺</source>
        <translation>Missing</translation>
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
    <name>HouseholdPicker</name>
    <message>
        <source>房号、姓名、电话或拼音首字母</source>
        <translation>Unit, name, phone or pinyin initials</translation>
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
    <name>IntakeForm</name>
    <message>
        <source>投诉受理</source>
        <translation>Complaint intake</translation>
    </message>
    <message>
        <source>投诉内容（Ctrl+回车 到下一项，Ctrl+S 受理）</source>
        <translation>Complaint text (Ctrl+Enter: next field, Ctrl+S: accept)</translation>
    </message>
    <message>
        <source>已诉讼</source>
        <translation>Sued</translation>
    </message>
    <message>
        <source>媒体曝光</source>
        <translation>In media</translation>
    </message>
    <message>
        <source>可能诉讼/曝光</source>
        <translation>Suit/media risk</translation>
    </message>
    <message>
        <source>索赔</source>
        <translation>Claim</translation>
    </message>
    <message>
        <source>需其他部门协助</source>
        <translation>Needs others</translation>
    </message>
    <message>
        <source>管理处责任</source>
        <translation>Office at fault</translation>
    </message>
    <message>
        <source>特别情形</source>
        <translation>Special cases</translation>
    </message>
    <message>
        <source>现在；来函等较早收到的填 2026-11-18 09:30</source>
        <translation>Empty = now; or e.g. 2026-11-18 09:30</translation>
    </message>
    <message>
        <source>可能是同一事项（空格勾选关联）：</source>
        <translation>Possibly the same matter (Space links it):</translation>
    </message>
    <message>
        <source>关联投诉</source>
        <translation>Related complaints</translation>
    </message>
    <message>
        <source>投诉渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>投诉人身份</source>
        <translation>Complainant is</translation>
    </message>
    <message>
        <source>房号</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>投诉人</source>
        <translation>Complainant</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>投诉类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>子类</source>
        <translation>Subtype</translation>
    </message>
    <message>
        <source>责任类别</source>
        <translation>Responsibility</translation>
    </message>
    <message>
        <source>投诉内容</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <source>投诉等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>受理时间</source>
        <translation>Received</translation>
    </message>
</context>
<context>
    <name>KeyDialog</name>
    <message>
        <source>保存 (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>房号</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>钥匙类别</source>
        <translation>Key kind</translation>
    </message>
    <message>
        <source>钥匙数量</source>
        <translation>Keys</translation>
    </message>
    <message>
        <source>钥匙标签</source>
        <translation>Key tag</translation>
    </message>
    <message>
        <source>钥匙状况</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>格位</source>
        <translation>Slot</translation>
    </message>
    <message>
        <source>委托人姓名</source>
        <translation>Depositor</translation>
    </message>
    <message>
        <source>证件类型</source>
        <translation>ID type</translation>
    </message>
    <message>
        <source>委托人证件号码</source>
        <translation>Depositor ID no.</translation>
    </message>
    <message>
        <source>委托人电话</source>
        <translation>Depositor phone</translation>
    </message>
    <message>
        <source>业主事先同意</source>
        <translation>Owner’s consent</translation>
    </message>
    <message>
        <source>复制许可</source>
        <translation>Copies allowed</translation>
    </message>
    <message>
        <source>借用人类别</source>
        <translation>Borrower kind</translation>
    </message>
    <message>
        <source>借用人姓名</source>
        <translation>Borrower</translation>
    </message>
    <message>
        <source>借用人单位</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>借用人证件号码</source>
        <translation>Borrower ID no.</translation>
    </message>
    <message>
        <source>借用人电话</source>
        <translation>Borrower phone</translation>
    </message>
    <message>
        <source>借用事由</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>维修施工</source>
        <translation>Repair work</translation>
    </message>
    <message>
        <source>应还时间</source>
        <translation>Due back</translation>
    </message>
    <message>
        <source>归还时状况</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>接收人</source>
        <translation>Received by</translation>
    </message>
    <message>
        <source>归还时间</source>
        <translation>Returned at</translation>
    </message>
    <message>
        <source>紧急原因</source>
        <translation>Emergency</translation>
    </message>
    <message>
        <source>情况说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>通知对象</source>
        <translation>Told whom</translation>
    </message>
    <message>
        <source>通知了谁</source>
        <translation>Person told</translation>
    </message>
    <message>
        <source>业主联系不上</source>
        <translation>Owner unreachable</translation>
    </message>
    <message>
        <source>通知方式</source>
        <translation>How told</translation>
    </message>
    <message>
        <source>通知时间</source>
        <translation>Told at</translation>
    </message>
    <message>
        <source>交出保管人</source>
        <translation>Handing over</translation>
    </message>
    <message>
        <source>接收保管人</source>
        <translation>Taking over</translation>
    </message>
    <message>
        <source>多出的格位</source>
        <translation>Extra slots</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>双方已签字</source>
        <translation>Signed</translation>
    </message>
    <message>
        <source>借用记录</source>
        <translation>Loan</translation>
    </message>
    <message>
        <source>更正原因</source>
        <translation>Reason for correction</translation>
    </message>
    <message>
        <source>领回人</source>
        <translation>Taken back by</translation>
    </message>
    <message>
        <source>换锁说明</source>
        <translation>Lock change note</translation>
    </message>
    <message>
        <source>复制数量</source>
        <translation>Copies made</translation>
    </message>
    <message>
        <source>物业总值</source>
        <translation>Duty manager</translation>
    </message>
    <message>
        <source>已封存</source>
        <translation>Sealed</translation>
    </message>
</context>
<context>
    <name>KeysTab</name>
    <message>
        <source>收存 (Ctrl+N)</source>
        <translation>Take in (Ctrl+N)</translation>
    </message>
    <message>
        <source>借出 (Ctrl+B)</source>
        <translation>Lend (Ctrl+B)</translation>
    </message>
    <message>
        <source>归还 (Ctrl+R)</source>
        <translation>Return (Ctrl+R)</translation>
    </message>
    <message>
        <source>紧急使用 (Ctrl+E)</source>
        <translation>Emergency (Ctrl+E)</translation>
    </message>
    <message>
        <source>保管人交接 (Ctrl+H)</source>
        <translation>Handover (Ctrl+H)</translation>
    </message>
    <message>
        <source>打印 (Ctrl+P)</source>
        <translation>Print (Ctrl+P)</translation>
    </message>
    <message>
        <source>更多…</source>
        <translation>More…</translation>
    </message>
    <message>
        <source>保管中</source>
        <translation>In custody</translation>
    </message>
    <message>
        <source>格位、房号、委托人、拼音首字母</source>
        <translation>Slot, unit, depositor, pinyin initials</translation>
    </message>
    <message>
        <source>打印业户钥匙委托书</source>
        <translation>Print key deposit form</translation>
    </message>
    <message>
        <source>打印顾客钥匙清单</source>
        <translation>Print customer key list</translation>
    </message>
    <message>
        <source>打印今天的借用钥匙登记表</source>
        <translation>Print today’s key loan register</translation>
    </message>
    <message>
        <source>打印最近一次交接记录</source>
        <translation>Print the last handover record</translation>
    </message>
    <message>
        <source>退还业主…</source>
        <translation>Return to owner…</translation>
    </message>
    <message>
        <source>换锁…</source>
        <translation>Lock change…</translation>
    </message>
    <message>
        <source>换锁后新钥匙交物业总值…</source>
        <translation>New keys to duty manager…</translation>
    </message>
    <message>
        <source>复制许可…</source>
        <translation>Copy permission…</translation>
    </message>
    <message>
        <source>登记复制…</source>
        <translation>Record a copy…</translation>
    </message>
    <message>
        <source>登记遗失…</source>
        <translation>Record loss…</translation>
    </message>
    <message>
        <source>遗失钥匙找回…</source>
        <translation>Lost key found…</translation>
    </message>
    <message>
        <source>登记损坏…</source>
        <translation>Record damage…</translation>
    </message>
    <message>
        <source>更正记录…</source>
        <translation>Correct record…</translation>
    </message>
    <message>
        <source>更正借用记录…</source>
        <translation>Correct a loan…</translation>
    </message>
    <message>
        <source>显示委托人完整证件号</source>
        <translation>Show depositor’s full ID number</translation>
    </message>
    <message>
        <source>共{n}格：在柜{h}&#x3000;借出{l}&#x3000;超时{o}&#x3000;遗失{m}&#x3000;空{f}</source>
        <translation>{n} slots: in {h}   lent {l}   overdue {o}   lost {m}   empty {f}</translation>
    </message>
    <message>
        <source>保管人：{k}</source>
        <translation>Keeper: {k}</translation>
    </message>
    <message>
        <source>（未指定）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <source>
……共{n}条</source>
        <translation>
… {n} in all</translation>
    </message>
    <message>
        <source>{label}：空格位。按回车收存钥匙。</source>
        <translation>{label}: empty slot. Press Enter to take in a key.</translation>
    </message>
    <message>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <source>状况：{c}&#x3000;委托人：{d} {i}&#x3000;证件核验：{k}</source>
        <translation>Condition: {c}   Depositor: {d} {i}   ID checked by: {k}</translation>
    </message>
    <message>
        <source>业主事先同意（返修）：{o}&#x3000;复制许可：{p}</source>
        <translation>Owner’s consent (repairs): {o}   Copies allowed: {p}</translation>
    </message>
    <message>
        <source>借给{b}（{p}），{a}批准，{o}借出，应还{d}</source>
        <translation>Lent to {b} ({p}), approved by {a}, out {o}, due {d}</translation>
    </message>
    <message>
        <source>（已更正{n}次）</source>
        <translation> (corrected {n}×)</translation>
    </message>
    <message>
        <source>请先在钥匙柜或列表中选择一把钥匙</source>
        <translation>Select a key in the cabinet or the list first</translation>
    </message>
    <message>
        <source>已收存：{unit}，格位 {slot}；请业主在委托书和登记表上签字</source>
        <translation>Taken in: {unit}, slot {slot}; the owner signs the deposit form and the register</translation>
    </message>
    <message>
        <source>打印顾客委托钥匙登记表</source>
        <translation>Print key deposit register</translation>
    </message>
    <message>
        <source>已借出，应还时间 {due:%m-%d %H:%M}</source>
        <translation>Lent, due back {due:%m-%d %H:%M}</translation>
    </message>
    <message>
        <source>已归还（{late}）</source>
        <translation>Returned ({late})</translation>
    </message>
    <message>
        <source>已归还</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>已登记紧急使用</source>
        <translation>Emergency use recorded</translation>
    </message>
    <message>
        <source>交接完成：应在柜{e}，实点{c}</source>
        <translation>Handover done: expected {e}, counted {c}</translation>
    </message>
    <message>
        <source>，差异：{g}</source>
        <translation>, differences: {g}</translation>
    </message>
    <message>
        <source>打印钥匙交接记录</source>
        <translation>Print key handover record</translation>
    </message>
    <message>
        <source>：已登记</source>
        <translation>: recorded</translation>
    </message>
    <message>
        <source>退还业主</source>
        <translation>Return to owner</translation>
    </message>
    <message>
        <source>换锁</source>
        <translation>Lock change</translation>
    </message>
    <message>
        <source>登记{k}</source>
        <translation>Record {k}</translation>
    </message>
    <message>
        <source>委托人证件：{id}</source>
        <translation>Depositor ID: {id}</translation>
    </message>
    <message>
        <source>复制许可</source>
        <translation>Copy permission</translation>
    </message>
    <message>
        <source>登记复制</source>
        <translation>Record a copy</translation>
    </message>
    <message>
        <source>遗失钥匙找回</source>
        <translation>Lost key found</translation>
    </message>
    <message>
        <source>更正记录</source>
        <translation>Correct record</translation>
    </message>
    <message>
        <source>借用记录已更正（原记录保留）</source>
        <translation>Loan corrected (the original entry is kept)</translation>
    </message>
    <message>
        <source>没有等待交物业总值的新钥匙</source>
        <translation>No new keys waiting for the duty manager</translation>
    </message>
    <message>
        <source>新钥匙交物业总值</source>
        <translation>New keys to duty manager</translation>
    </message>
    <message>
        <source>{place}：换锁后新钥匙须在 {due:%m-%d %H:%M} 前封存交物业总值（{names}）</source>
        <translation>{place}: after the lock change, seal the new keys and hand them to the duty manager ({names}) by {due:%m-%d %H:%M}</translation>
    </message>
    <message>
        <source>无物业总值</source>
        <translation>no duty manager</translation>
    </message>
    <message>
        <source>新钥匙已封存入柜</source>
        <translation>New keys sealed in the cabinet</translation>
    </message>
    <message>
        <source>打印借用钥匙登记表</source>
        <translation>Print key loan register</translation>
    </message>
    <message>
        <source>还没有交接记录</source>
        <translation>No handover recorded yet</translation>
    </message>
</context>
<context>
    <name>LendDialog</name>
    <message>
        <source>借出钥匙</source>
        <translation>Lend key</translation>
    </message>
    <message>
        <source>业主事先同意：{o}</source>
        <translation>Owner’s consent: {o}</translation>
    </message>
    <message>
        <source>夜间：须由当班物业总值批准（规则G5）</source>
        <translation>Night: the duty manager on shift must approve (rule G5)</translation>
    </message>
    <message>
        <source>批准人在本机输入自己的登录名和密码（规则K3）；可批准：{who}</source>
        <translation>The approver types their own login and password here (rule K3); may approve: {who}</translation>
    </message>
    <message>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <source>施工单位必填</source>
        <translation>Contractor required</translation>
    </message>
    <message>
        <source>维修施工（可隔夜，须填应还时间）</source>
        <translation>Repair work (may stay overnight; due time required)</translation>
    </message>
    <message>
        <source>如 17:30 或 明天 9:00；不填为当天下班时间</source>
        <translation>e.g. 17:30 or 明天 9:00; empty = end of today</translation>
    </message>
    <message>
        <source>借出 (Ctrl+S)</source>
        <translation>Lend (Ctrl+S)</translation>
    </message>
</context>
<context>
    <name>ListPanel</name>
    <message>
        <source>计数中…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>共 {n} 条</source>
        <translation>{n} in all</translation>
    </message>
</context>
<context>
    <name>LoanCorrectionDialog</name>
    <message>
        <source>更正借用记录</source>
        <translation>Correct a loan</translation>
    </message>
    <message>
        <source>证件号码有误时填写正确的号码</source>
        <translation>Only if the ID number was wrong: the right one</translation>
    </message>
    <message>
        <source>如 17:00、明天 9:00（按借出当天算）</source>
        <translation>e.g. 17:00, 明天 9:00 (from the day it went out)</translation>
    </message>
    <message>
        <source>必填：为什么更正</source>
        <translation>Required: why it is corrected</translation>
    </message>
    <message>
        <source>更正 (Ctrl+S)</source>
        <translation>Correct (Ctrl+S)</translation>
    </message>
    <message>
        <source>这把钥匙没有借用记录</source>
        <translation>This key has never been lent</translation>
    </message>
    <message>
        <source>{a}批准，证件 {i}</source>
        <translation>Approved by {a}, ID {i}</translation>
    </message>
    <message>
        <source>尚未归还：归还情况在归还时登记</source>
        <translation>Not back yet: the return is recorded when it comes back</translation>
    </message>
    <message>
        <source>已更正：{c}</source>
        <translation>Corrected: {c}</translation>
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
    <name>MailTab</name>
    <message>
        <source>通知业户 (Ctrl+T)</source>
        <translation>Notify (Ctrl+T)</translation>
    </message>
    <message>
        <source>领取 (Ctrl+E)</source>
        <translation>Pick-up (Ctrl+E)</translation>
    </message>
    <message>
        <source>公示与退回 (Ctrl+R)</source>
        <translation>Notice/return (Ctrl+R)</translation>
    </message>
    <message>
        <source>报纸 (Ctrl+B)</source>
        <translation>Papers (Ctrl+B)</translation>
    </message>
    <message>
        <source>打印今日签收表 (Ctrl+P)</source>
        <translation>Print today’s sheet (Ctrl+P)</translation>
    </message>
    <message>
        <source>更正所选</source>
        <translation>Correct selected</translation>
    </message>
    <message>
        <source>所选无法投递</source>
        <translation>Selected undeliverable</translation>
    </message>
    <message>
        <source>扫描运单号（回车即登记）</source>
        <translation>Scan the tracking number (Enter records it)</translation>
    </message>
    <message>
        <source>运单号</source>
        <translation>Tracking no.</translation>
    </message>
    <message>
        <source>房号</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>房号，或姓名、电话、拼音首字母</source>
        <translation>Unit, or name, phone, pinyin initials</translation>
    </message>
    <message>
        <source>同一房号连续登记</source>
        <translation>Keep the unit</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>快递公司</source>
        <translation>Carrier</translation>
    </message>
    <message>
        <source>如 A3、柜12</source>
        <translation>e.g. A3, 柜12</translation>
    </message>
    <message>
        <source>存放位置</source>
        <translation>Shelf</translation>
    </message>
    <message>
        <source>收件人</source>
        <translation>Addressee</translation>
    </message>
    <message>
        <source>完好不填</source>
        <translation>Empty if intact</translation>
    </message>
    <message>
        <source>破损情况</source>
        <translation>Damage</translation>
    </message>
    <message>
        <source>无法投递</source>
        <translation>Undeliverable</translation>
    </message>
    <message>
        <source>无法投递的原因，如 查无此户</source>
        <translation>Why undeliverable, e.g. no such household</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>全部邮件</source>
        <translation>All mail</translation>
    </message>
    <message>
        <source>全部日期</source>
        <translation>All dates</translation>
    </message>
    <message>
        <source>运单号、房号、姓名、拼音首字母</source>
        <translation>Tracking no., unit, name, pinyin initials</translation>
    </message>
    <message>
        <source>&#x3000;收件人 {a}</source>
        <translation>   to {a}</translation>
    </message>
    <message>
        <source>&#x3000;通知 {m} {t}</source>
        <translation>   told by {m} {t}</translation>
    </message>
    <message>
        <source>&#x3000;未通知</source>
        <translation>   not told</translation>
    </message>
    <message>
        <source>登记 {t}（{o}）&#x3000;位置 {p}</source>
        <translation>Logged {t} ({o})   shelf {p}</translation>
    </message>
    <message>
        <source>破损：{d}</source>
        <translation>Damage: {d}</translation>
    </message>
    <message>
        <source>无法投递：{r}</source>
        <translation>Undeliverable: {r}</translation>
    </message>
    <message>
        <source>{d} 列入公示</source>
        <translation>{d} posted on the notice</translation>
    </message>
    <message>
        <source>{t} 由 {c} 领取</source>
        <translation>{t} picked up by {c}</translation>
    </message>
    <message>
        <source>{d} 退回邮局</source>
        <translation>{d} returned to the post office</translation>
    </message>
    <message>
        <source>已更正，见新登记（第{n}号）</source>
        <translation>Corrected, see new entry no. {n}</translation>
    </message>
    <message>
        <source>更正第{n}号登记</source>
        <translation>Corrects entry no. {n}</translation>
    </message>
    <message>
        <source>{number}：请输入房号后回车</source>
        <translation>{number}: enter the unit, then Enter</translation>
    </message>
    <message>
        <source>✓ 已登记 {number}&#x3000;{unit}&#x3000;{carrier} {kind}{damaged}&#x3000;（本次第{n}件）</source>
        <translation>✓ Recorded {number}   {unit}   {carrier} {kind}{damaged}   (item {n} this round)</translation>
    </message>
    <message>
        <source>请先在列表中选择要更正的邮件</source>
        <translation>Select the item to correct in the list first</translation>
    </message>
    <message>
        <source>已更正：新登记 {number} {unit}，原登记保留为“已更正”</source>
        <translation>Corrected: new entry {number} {unit}; the old one is kept as “已更正”</translation>
    </message>
    <message>
        <source>请先在列表中选择邮件</source>
        <translation>Select an item in the list first</translation>
    </message>
    <message>
        <source>原因（记入签收表备注，一周内退回邮局）：</source>
        <translation>Reason (goes into the sheet’s note; returned to the post office within a week):</translation>
    </message>
    <message>
        <source>打印邮件签收表</source>
        <translation>Print mail receipt sheet</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>Shelf</translation>
    </message>
    <message>
        <source>破损</source>
        <translation>Damage</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>物业前台 wuye-desk — {office}</source>
        <translation>Property desk wuye-desk — {office}</translation>
    </message>
    <message>
        <source>{title}（{shortcut}）</source>
        <translation>{title} ({shortcut})</translation>
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
        <source>公务查询登记…</source>
        <translation>Official data access record…</translation>
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
    <name>NewspaperDialog</name>
    <message>
        <source>报纸签收</source>
        <translation>Newspapers</translation>
    </message>
    <message>
        <source>报刊名称</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>份数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <source>分发（订户不在时签收人留空，报纸留存前台）：</source>
        <translation>Hand out (leave the signer empty when the subscriber is out; the paper stays at the desk):</translation>
    </message>
    <message>
        <source>签收 (Ctrl+S)</source>
        <translation>Sign (Ctrl+S)</translation>
    </message>
    <message>
        <source>打印今日报纸签收表</source>
        <translation>Print today’s newspaper sheet</translation>
    </message>
    <message>
        <source>留存前台待领：</source>
        <translation>Held at the desk:</translation>
    </message>
    <message>
        <source>签收人</source>
        <translation>Signed by</translation>
    </message>
    <message>
        <source>所选已领取</source>
        <translation>Selected picked up</translation>
    </message>
    <message>
        <source>领取人签收</source>
        <translation>Collector signs</translation>
    </message>
    <message>
        <source>已签收 {title} {n}份</source>
        <translation>Signed for {title}, {n} copies</translation>
    </message>
    <message>
        <source>请先选择留存的报纸</source>
        <translation>Select a held paper first</translation>
    </message>
    <message>
        <source>已领取</source>
        <translation>Picked up</translation>
    </message>
    <message>
        <source>打印报纸签收表</source>
        <translation>Print newspaper sheet</translation>
    </message>
</context>
<context>
    <name>NoticeDialog</name>
    <message>
        <source>通知业户领取邮件</source>
        <translation>Notify households of mail</translation>
    </message>
    <message>
        <source>待通知的业户</source>
        <translation>Households to notify</translation>
    </message>
    <message>
        <source>通知方式</source>
        <translation>How told</translation>
    </message>
    <message>
        <source>通知时间</source>
        <translation>Told at</translation>
    </message>
    <message>
        <source>记录已通知 (Ctrl+S)</source>
        <translation>Record notice (Ctrl+S)</translation>
    </message>
    <message>
        <source>记录并打印领取通知单 (Ctrl+P)</source>
        <translation>Record and print slip (Ctrl+P)</translation>
    </message>
    <message>
        <source>{n}件</source>
        <translation>{n}</translation>
    </message>
    <message>
        <source>所有待领邮件都已通知业户</source>
        <translation>All waiting mail has been notified</translation>
    </message>
    <message>
        <source>请先选择一户</source>
        <translation>Select a household first</translation>
    </message>
    <message>
        <source>已记录：{unit} {n}件，{how}通知；取件码 {code}</source>
        <translation>Recorded: {unit}, {n} item(s), told by {how}; pick-up code {code}</translation>
    </message>
    <message>
        <source>打印领取通知单</source>
        <translation>Print pick-up slip</translation>
    </message>
</context>
<context>
    <name>OfficialAccess</name>
    <message>
        <source>查询人姓名</source>
        <translation>Officer&apos;s name</translation>
    </message>
    <message>
        <source>查询单位</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>证件类型</source>
        <translation>Credential type</translation>
    </message>
    <message>
        <source>证件号码</source>
        <translation>Credential number</translation>
    </message>
    <message>
        <source>法律依据</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <source>查询内容</source>
        <translation>Data accessed</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>查询人</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>证件</source>
        <translation>Credential</translation>
    </message>
</context>
<context>
    <name>OfficialAccessDialog</name>
    <message>
        <source>公务查询登记（公安、司法等查询业户资料）</source>
        <translation>Official data access (police, courts and other authorities)</translation>
    </message>
    <message>
        <source>业户资料未经法律依据或业户同意不得提供。请核验查询人证件和法律文书，由经理在本机输入登录名和密码批准后登记（Ctrl+S）。</source>
        <translation>Customer data is disclosed only on a legal basis or with the customer&apos;s consent. Check the officer&apos;s credential and legal document; a manager approves by entering their login and password here, then record it (Ctrl+S).</translation>
    </message>
    <message>
        <source>如 某某区公安分局幸福路派出所、某某区人民法院</source>
        <translation>e.g. Xingfu Road Police Station, District People&apos;s Court</translation>
    </message>
    <message>
        <source>文书名称及编号，如 调取证据通知书 〔2026〕118号</source>
        <translation>Document name and number, e.g. evidence request notice no. 118 (2026)</translation>
    </message>
    <message>
        <source>查看或复制了哪些资料，如 3栋2单元1502 业户档案</source>
        <translation>What was seen or copied, e.g. household record of 3栋2单元1502</translation>
    </message>
    <message>
        <source>登记 (Ctrl+S)</source>
        <translation>Record (Ctrl+S)</translation>
    </message>
    <message>
        <source>已登记。</source>
        <translation>Recorded.</translation>
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
    <name>PickupDialog</name>
    <message>
        <source>邮件领取</source>
        <translation>Mail pick-up</translation>
    </message>
    <message>
        <source>扫描领取通知单或邮件条码，或输入房号，回车</source>
        <translation>Scan the pick-up slip or barcode, or type the unit, then Enter</translation>
    </message>
    <message>
        <source>领取扫描</source>
        <translation>Pick-up scan</translation>
    </message>
    <message>
        <source>待领邮件</source>
        <translation>Waiting mail</translation>
    </message>
    <message>
        <source>领取人姓名</source>
        <translation>Collector</translation>
    </message>
    <message>
        <source>领取人</source>
        <translation>Collected by</translation>
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
        <source>重签</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>屏幕签名（有签字板或触摸屏时；
否则在打印的签收表上签名）</source>
        <translation>On-screen signature (with a pad or touch screen;
otherwise sign the printed sheet)</translation>
    </message>
    <message>
        <source>确认领取并打印签收表 (Ctrl+S)</source>
        <translation>Hand over and print (Ctrl+S)</translation>
    </message>
    <message>
        <source>{unit}&#x3000;{name}&#x3000;待领 {n} 件</source>
        <translation>{unit}   {name}   {n} waiting</translation>
    </message>
    <message>
        <source>请查验领取人证件</source>
        <translation>Check the collector’s ID</translation>
    </message>
    <message>
        <source>请先扫描领取通知单、邮件条码或输入房号</source>
        <translation>Scan a pick-up slip or barcode, or type a unit first</translation>
    </message>
    <message>
        <source>已领取 {n} 件，领取人 {who}，证件 {masked}；请在签收表上签名</source>
        <translation>{n} item(s) picked up by {who}, ID {masked}; sign the sheet</translation>
    </message>
    <message>
        <source>打印邮件签收表</source>
        <translation>Print mail receipt sheet</translation>
    </message>
    <message>
        <source>本人/代领</source>
        <translation>Self/proxy</translation>
    </message>
</context>
<context>
    <name>ReportsMenu</name>
    <message>
        <source>报表(&amp;R)</source>
        <translation>&amp;Reports</translation>
    </message>
    <message>
        <source>导出本月登记表…</source>
        <translation>Export month registers…</translation>
    </message>
    <message>
        <source>月报…</source>
        <translation>Monthly report…</translation>
    </message>
    <message>
        <source>周报…</source>
        <translation>Weekly summary…</translation>
    </message>
    <message>
        <source>从 Excel 导入登记表…</source>
        <translation>Import a register from Excel…</translation>
    </message>
    <message>
        <source>导出本月登记表</source>
        <translation>Export month registers</translation>
    </message>
    <message>
        <source>月份（如 2026-10）：</source>
        <translation>Month (e.g. 2026-10):</translation>
    </message>
    <message>
        <source>保存到文件夹</source>
        <translation>Save to folder</translation>
    </message>
    <message>
        <source>月报</source>
        <translation>Monthly report</translation>
    </message>
    <message>
        <source>保存月报</source>
        <translation>Save monthly report</translation>
    </message>
    <message>
        <source>周报</source>
        <translation>Weekly summary</translation>
    </message>
    <message>
        <source>周（如 2026-W44）：</source>
        <translation>Week (e.g. 2026-W44):</translation>
    </message>
    <message>
        <source>保存周报</source>
        <translation>Save weekly summary</translation>
    </message>
    <message>
        <source>选择要导入的登记表</source>
        <translation>Choose the register to import</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>导入登记表</source>
        <translation>Import a register</translation>
    </message>
    <message>
        <source>这是哪一种登记表：</source>
        <translation>Which register is this:</translation>
    </message>
    <message>
        <source>报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>导出登记表</source>
        <translation>Export registers</translation>
    </message>
    <message>
        <source>{title}：读到 {rows} 行，写入 {written} 条记录</source>
        <translation>{title}: {rows} rows read, {written} records written</translation>
    </message>
    <message>
        <source>第{row}行：{reason}</source>
        <translation>Row {row}: {reason}</translation>
    </message>
    <message>
        <source>……另有 {n} 行有问题</source>
        <translation>… and {n} more rows with problems</translation>
    </message>
    <message>
        <source>没有写入任何记录。</source>
        <translation>Nothing was written.</translation>
    </message>
    <message>
        <source>生成月报</source>
        <translation>Make monthly report</translation>
    </message>
    <message>
        <source>生成周报</source>
        <translation>Make weekly summary</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>归还钥匙</source>
        <translation>Return key</translation>
    </message>
    <message>
        <source>借用人：{b}&#x3000;{o}借出&#x3000;应还 {d}</source>
        <translation>Borrower: {b}   out {o}   due {d}</translation>
    </message>
    <message>
        <source>不填为现在</source>
        <translation>Empty means now</translation>
    </message>
    <message>
        <source>归还 (Ctrl+S)</source>
        <translation>Return (Ctrl+S)</translation>
    </message>
    <message>
        <source>公示与退回邮局</source>
        <translation>Notice and return to post office</translation>
    </message>
    <message>
        <source>列入公示并打印招领公示</source>
        <translation>Post and print unclaimed notice</translation>
    </message>
    <message>
        <source>应退回邮局的邮件（无法投递的，公示期满未领的）：</source>
        <translation>Mail due back to the post office (undeliverable, or unclaimed after the notice):</translation>
    </message>
    <message>
        <source>应退回的邮件</source>
        <translation>Mail to return</translation>
    </message>
    <message>
        <source>邮局经办人</source>
        <translation>Post office clerk</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>退回并打印退回邮局清单 (Ctrl+S)</source>
        <translation>Return and print list (Ctrl+S)</translation>
    </message>
    <message>
        <source>逾期、公示中或应退回的邮件 {n} 件，其中正在公示 {m} 件</source>
        <translation>{n} item(s) overdue, posted or to return; {m} now posted</translation>
    </message>
    <message>
        <source>无法投递：{r}</source>
        <translation>Undeliverable: {r}</translation>
    </message>
    <message>
        <source>公示期满未领</source>
        <translation>Unclaimed after the notice</translation>
    </message>
    <message>
        <source>新列入公示 {n} 件</source>
        <translation>{n} newly posted</translation>
    </message>
    <message>
        <source>打印邮件招领公示</source>
        <translation>Print unclaimed mail notice</translation>
    </message>
    <message>
        <source>已退回 {n} 件，请邮局经办人在清单上签名</source>
        <translation>{n} returned; the post office clerk signs the list</translation>
    </message>
    <message>
        <source>打印退回邮局清单</source>
        <translation>Print return list</translation>
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
    <message>
        <source>房号</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <source>入伙状态</source>
        <translation>Occupancy</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>多个值用顿号或逗号分隔</source>
        <translation>Separate several values with 、 or ,</translation>
    </message>
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
    <name>SignaturePad</name>
    <message>
        <source>在此签名（签字板、触摸屏或鼠标）</source>
        <translation>Sign here (pad, touch screen or mouse)</translation>
    </message>
    <message>
        <source>签名处</source>
        <translation>Signature</translation>
    </message>
</context>
<context>
    <name>SlotGrid</name>
    <message>
        <source>钥匙柜</source>
        <translation>Key cabinet</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <source>值得借鉴，收入案例库（规则C10）</source>
        <translation>Worth learning from: add to case library (rule C10)</translation>
    </message>
    <message>
        <source>上报对象</source>
        <translation>Report to</translation>
    </message>
    <message>
        <source>初步意见</source>
        <translation>First view</translation>
    </message>
    <message>
        <source>答复</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>责任类别</source>
        <translation>Responsibility</translation>
    </message>
    <message>
        <source>通报</source>
        <translation>Circulated to</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>处理结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>告知情况</source>
        <translation>How told</translation>
    </message>
    <message>
        <source>回访内容</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>回访结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>回访人</source>
        <translation>Followed up by</translation>
    </message>
    <message>
        <source>收入案例库</source>
        <translation>Case library</translation>
    </message>
    <message>
        <source>解释说明</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <source>投诉等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>提高原因</source>
        <translation>Why raised</translation>
    </message>
    <message>
        <source>更正哪一条</source>
        <translation>Entry to correct</translation>
    </message>
    <message>
        <source>更正内容</source>
        <translation>Correction</translation>
    </message>
</context>
<context>
    <name>TakeInDialog</name>
    <message>
        <source>收存钥匙</source>
        <translation>Take in key</translation>
    </message>
    <message>
        <source>钥匙牌上的字；公共区域钥匙写区域，如 配电房</source>
        <translation>Text on the key tag; for common areas the area, e.g. 配电房</translation>
    </message>
    <message>
        <source>返修钥匙：业主同意管理处维修时使用，写明谁、何时同意</source>
        <translation>Repair keys: who agreed to their use for repairs, and when</translation>
    </message>
    <message>
        <source>业主许可复制时填写；不填即不得复制（规则K5）</source>
        <translation>Only if the owner allows copies; empty = no copies (rule K5)</translation>
    </message>
    <message>
        <source>收存并打印委托书 (Ctrl+S)</source>
        <translation>Take in and print (Ctrl+S)</translation>
    </message>
    <message>
        <source>档案中没有这一户，请先在业户档案中建档</source>
        <translation>No such household: create it in Households first</translation>
    </message>
    <message>
        <source>{unit}：{occ}，{tenure}</source>
        <translation>{unit}: {occ}, {tenure}</translation>
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
    <message>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>受理时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>投诉人</source>
        <translation>From</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>处理人</source>
        <translation>Handler</translation>
    </message>
    <message>
        <source>下一时限</source>
        <translation>Next due</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>投诉内容</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>反映次数</source>
        <translation>Times</translation>
    </message>
    <message>
        <source>格位</source>
        <translation>Slot</translation>
    </message>
    <message>
        <source>房号/区域</source>
        <translation>Unit/area</translation>
    </message>
    <message>
        <source>状况</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>委托人</source>
        <translation>Depositor</translation>
    </message>
    <message>
        <source>收存日期</source>
        <translation>Taken in</translation>
    </message>
    <message>
        <source>借用情况</source>
        <translation>Loan</translation>
    </message>
    <message>
        <source>登记时间</source>
        <translation>Logged</translation>
    </message>
    <message>
        <source>运单号</source>
        <translation>Tracking no.</translation>
    </message>
    <message>
        <source>快递公司</source>
        <translation>Carrier</translation>
    </message>
    <message>
        <source>收件人</source>
        <translation>Addressee</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>Shelf</translation>
    </message>
    <message>
        <source>通知</source>
        <translation>Notice</translation>
    </message>
    <message>
        <source>待领</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>卡号</source>
        <translation>Card no.</translation>
    </message>
    <message>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>卡状态</source>
        <translation>Card state</translation>
    </message>
    <message>
        <source>有效期至</source>
        <translation>Valid to</translation>
    </message>
    <message>
        <source>客户助理</source>
        <translation>Assistant</translation>
    </message>
    <message>
        <source>历法</source>
        <translation>Calendar</translation>
    </message>
    <message>
        <source>生日</source>
        <translation>Birthday</translation>
    </message>
    <message>
        <source>全部（按受理时间）</source>
        <translation>All (by date received)</translation>
    </message>
    <message>
        <source>已超时</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>在柜</source>
        <translation>In cabinet</translation>
    </message>
    <message>
        <source>借出</source>
        <translation>Lent</translation>
    </message>
    <message>
        <source>超时未还</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>遗失</source>
        <translation>Lost</translation>
    </message>
    <message>
        <source>已结束</source>
        <translation>Ended</translation>
    </message>
    <message>
        <source>空</source>
        <translation>Empty</translation>
    </message>
    <message>
        <source>待领取</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>未通知</source>
        <translation>Not notified</translation>
    </message>
    <message>
        <source>待公示/待退回</source>
        <translation>To post/return</translation>
    </message>
    <message>
        <source>已领取</source>
        <translation>Picked up</translation>
    </message>
    <message>
        <source>已退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>最近7天</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <source>最近30天</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>最近一年</source>
        <translation>Last year</translation>
    </message>
    <message>
        <source>在访（停留最久在前）</source>
        <translation>Inside (longest first)</translation>
    </message>
    <message>
        <source>已离开</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>未准入</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>即将到期</source>
        <translation>Expiring</translation>
    </message>
    <message>
        <source>已过期</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>已撤销</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <source>待发卡</source>
        <translation>Awaiting card</translation>
    </message>
    <message>
        <source>自动识别</source>
        <translation>Auto-detect</translation>
    </message>
    <message>
        <source>按建议</source>
        <translation>As suggested</translation>
    </message>
    <message>
        <source>业户</source>
        <translation>Household</translation>
    </message>
    <message>
        <source>件数</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>最早登记</source>
        <translation>Oldest</translation>
    </message>
    <message>
        <source>电话（档案）</source>
        <translation>Phone (records)</translation>
    </message>
    <message>
        <source>领取</source>
        <translation>Take</translation>
    </message>
    <message>
        <source>破损</source>
        <translation>Damage</translation>
    </message>
    <message>
        <source>退回</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>房号/地址</source>
        <translation>Unit/address</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Logged</translation>
    </message>
    <message>
        <source>公示</source>
        <translation>Posted</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>报刊名称</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>份数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <source>订户房号</source>
        <translation>Subscriber unit</translation>
    </message>
    <message>
        <source>订户份数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <source>签收人</source>
        <translation>Signed by</translation>
    </message>
    <message>
        <source>下次生日</source>
        <translation>Next birthday</translation>
    </message>
    <message>
        <source>发卡</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>经办</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>服务</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>服务人</source>
        <translation>Served by</translation>
    </message>
    <message>
        <source>投诉</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>邮件</source>
        <translation>Mail</translation>
    </message>
    <message>
        <source>钥匙</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>处理</source>
        <translation>Handle</translation>
    </message>
    <message>
        <source>上报</source>
        <translation>Escalate</translation>
    </message>
    <message>
        <source>上级答复</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>通报</source>
        <translation>Circulate</translation>
    </message>
    <message>
        <source>处理完毕</source>
        <translation>Fixed</translation>
    </message>
    <message>
        <source>告知投诉人</source>
        <translation>Inform</translation>
    </message>
    <message>
        <source>回访</source>
        <translation>Follow up</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>无效投诉</source>
        <translation>Invalid</translation>
    </message>
    <message>
        <source>提高等级</source>
        <translation>Raise level</translation>
    </message>
    <message>
        <source>更正记录</source>
        <translation>Correct</translation>
    </message>
</context>
<context>
    <name>VipBadge</name>
    <message>
        <source>VIP卡状态</source>
        <translation>VIP card status</translation>
    </message>
    <message>
        <source>VIP卡已失效：不享受VIP服务（规则P4、P5）</source>
        <translation>VIP card no longer valid: no VIP services (rules P4, P5)</translation>
    </message>
    <message>
        <source>{badge}（不享受VIP服务）</source>
        <translation>{badge} (no VIP services)</translation>
    </message>
    <message>
        <source>VIP客户：优先服务（规则P6）</source>
        <translation>VIP customer: priority service (rule P6)</translation>
    </message>
</context>
<context>
    <name>VipDialog</name>
    <message>
        <source>VIP申请</source>
        <translation>VIP application</translation>
    </message>
    <message>
        <source>修改VIP档案</source>
        <translation>Edit VIP record</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>房号</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>不填则用档案中的电话</source>
        <translation>Empty: phone from the records</translation>
    </message>
    <message>
        <source>VIP级别</source>
        <translation>VIP level</translation>
    </message>
    <message>
        <source>生日历法</source>
        <translation>Calendar</translation>
    </message>
    <message>
        <source>生日</source>
        <translation>Birthday</translation>
    </message>
    <message>
        <source>如 1962-08-15；农历可写 八月十五、闰四月初八</source>
        <translation>e.g. 1962-08-15; lunar: 八月十五, 闰四月初八</translation>
    </message>
    <message>
        <source>入选理由</source>
        <translation>Reason chosen</translation>
    </message>
    <message>
        <source>申请日期</source>
        <translation>Applied on</translation>
    </message>
    <message>
        <source>批准人</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <source>批准日期</source>
        <translation>Approved on</translation>
    </message>
    <message>
        <source>客户助理</source>
        <translation>Client assistant</translation>
    </message>
    <message>
        <source>喜好与习惯</source>
        <translation>Preferences</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>家庭成员（生日用于亲情服务的问候；历法填公历或农历）</source>
        <translation>Family (birthdays for greetings; calendar: solar or lunar)</translation>
    </message>
    <message>
        <source>家庭成员</source>
        <translation>Family</translation>
    </message>
    <message>
        <source>添加家属</source>
        <translation>Add member</translation>
    </message>
    <message>
        <source>删除所选家属</source>
        <translation>Delete selected</translation>
    </message>
    <message>
        <source>已登记VIP申请：{name}；按 Ctrl+I 发卡</source>
        <translation>VIP application recorded: {name}; Ctrl+I issues the card</translation>
    </message>
    <message>
        <source>已保存VIP档案</source>
        <translation>VIP record saved</translation>
    </message>
</context>
<context>
    <name>VipPage</name>
    <message>
        <source>电话 {p}</source>
        <translation>phone {p}</translation>
    </message>
    <message>
        <source>&#x3000;家庭结构 {s}</source>
        <translation>   household {s}</translation>
    </message>
    <message>
        <source>生日 {b}（下次 {n}）</source>
        <translation>Birthday {b} (next {n})</translation>
    </message>
    <message>
        <source>客户助理 {a}&#x3000;申请 {d}&#x3000;批准 {b} {o}</source>
        <translation>Assistant {a}   applied {d}   approved {b} {o}</translation>
    </message>
    <message>
        <source>入选理由：{q}</source>
        <translation>Reason chosen: {q}</translation>
    </message>
    <message>
        <source>喜好与习惯：{p}</source>
        <translation>Preferences: {p}</translation>
    </message>
    <message>
        <source>备注：{n}</source>
        <translation>Note: {n}</translation>
    </message>
    <message>
        <source>家庭成员</source>
        <translation>Family</translation>
    </message>
    <message>
        <source>（未登记）</source>
        <translation>(none recorded)</translation>
    </message>
    <message>
        <source>VIP卡记录</source>
        <translation>VIP cards</translation>
    </message>
    <message>
        <source>（复核：{c}）</source>
        <translation> (re-checked: {c})</translation>
    </message>
    <message>
        <source>已批准，待发卡（Ctrl+I）</source>
        <translation>Approved, card to issue (Ctrl+I)</translation>
    </message>
    <message>
        <source>服务记录</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>（暂无）</source>
        <translation>(none yet)</translation>
    </message>
</context>
<context>
    <name>VipTab</name>
    <message>
        <source>VIP申请</source>
        <translation>VIP application</translation>
    </message>
    <message>
        <source>修改档案</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>发卡</source>
        <translation>Issue card</translation>
    </message>
    <message>
        <source>换发</source>
        <translation>Renew</translation>
    </message>
    <message>
        <source>补发</source>
        <translation>Replace</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Revoke</translation>
    </message>
    <message>
        <source>登记服务</source>
        <translation>Record service</translation>
    </message>
    <message>
        <source>打印登记表</source>
        <translation>Print form</translation>
    </message>
    <message>
        <source>全部卡状态</source>
        <translation>All card states</translation>
    </message>
    <message>
        <source>全部级别</source>
        <translation>All levels</translation>
    </message>
    <message>
        <source>姓名、拼音首字母、房号、卡号、电话</source>
        <translation>Name, pinyin initials, unit, card no., phone</translation>
    </message>
    <message>
        <source>请先在列表中选择一位VIP客户</source>
        <translation>Select a VIP customer in the list first</translation>
    </message>
    <message>
        <source>已发卡 {number}，有效期至 {to}；正在打印VIP客户登记表，请客户签名</source>
        <translation>Card {number} issued, valid to {to}; printing the VIP form for the customer to sign</translation>
    </message>
    <message>
        <source>已换发新卡 {new}，原卡 {old} 已换发作废；有效期至 {to}</source>
        <translation>New card {new} issued, old card {old} void; valid to {to}</translation>
    </message>
    <message>
        <source>换发VIP卡</source>
        <translation>Renew VIP card</translation>
    </message>
    <message>
        <source>{name} {badge}：到期后重新审核资格，换发新卡（规则P4）</source>
        <translation>{name} {badge}: eligibility re-checked on expiry, new card issued (rule P4)</translation>
    </message>
    <message>
        <source>资格复核人</source>
        <translation>Re-checked by</translation>
    </message>
    <message>
        <source>新卡级别</source>
        <translation>New card level</translation>
    </message>
    <message>
        <source>已补发新卡 {new}，原卡 {old} 已作废</source>
        <translation>Replacement card {new} issued, old card {old} void</translation>
    </message>
    <message>
        <source>补发VIP卡</source>
        <translation>Replace VIP card</translation>
    </message>
    <message>
        <source>{name} {badge}：卡丢失，补发新卡号，原卡号作废（规则P4）</source>
        <translation>{name} {badge}: card lost; new number issued, old one void (rule P4)</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>已撤销VIP卡 {number}</source>
        <translation>VIP card {number} revoked</translation>
    </message>
    <message>
        <source>撤销VIP资格</source>
        <translation>Revoke VIP status</translation>
    </message>
    <message>
        <source>{name} {badge}：只因恶意拖欠物业管理费或损害集团利益撤销（规则P5）</source>
        <translation>{name} {badge}: revoke only for wilful non-payment of fees or harm to the group (rule P5)</translation>
    </message>
    <message>
        <source>撤销原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>撤销说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>已登记{kind}：{name}</source>
        <translation>Recorded {kind}: {name}</translation>
    </message>
    <message>
        <source>登记VIP服务</source>
        <translation>Record VIP service</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>{name} {badge}</source>
        <translation>{name} {badge}</translation>
    </message>
    <message>
        <source>服务类别</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>服务内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>仅紧急现金援助填写；限额{limit}元</source>
        <translation>Emergency cash aid only; limit {limit} yuan</translation>
    </message>
    <message>
        <source>金额（元）</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <source>服务人</source>
        <translation>Served by</translation>
    </message>
    <message>
        <source>打印VIP客户登记表</source>
        <translation>Print VIP customer form</translation>
    </message>
    <message>
        <source>VIP客户档案只限客户助理和经理查看（规则G3：客户资料保密）。
其他登记簿会显示客户的VIP卡号和状态。</source>
        <translation>VIP records are for client assistants and managers only (rule G3: client data is confidential).
Other registers show the VIP card number and state.</translation>
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
        <source>（未准入，无登记单）</source>
        <translation>(refused, no slip)</translation>
    </message>
    <message>
        <source>{s}&#x3000;{st}&#x3000;{n}（{p}人）&#x3000;{t} {i}</source>
        <translation>{s}   {st}   {n} ({p} people)   {t} {i}</translation>
    </message>
    <message>
        <source>被访：{pl} {h}（{pos}）&#x3000;答复：{a} {by}</source>
        <translation>Visiting: {pl} {h} ({pos})   answer: {a} {by}</translation>
    </message>
    <message>
        <source>到访 {t}</source>
        <translation>Arrived {t}</translation>
    </message>
    <message>
        <source>&#x3000;离开 {t}</source>
        <translation>   left {t}</translation>
    </message>
    <message>
        <source>&#x3000;停留{s}</source>
        <translation>   stayed {s}</translation>
    </message>
    <message>
        <source>&#x3000;登记人 {o}</source>
        <translation>   registered by {o}</translation>
    </message>
    <message>
        <source>夜间登记，值班总值：{m}</source>
        <translation>Night registration, duty manager: {m}</translation>
    </message>
    <message>
        <source>关注名单：{w}</source>
        <translation>Watch list: {w}</translation>
    </message>
    <message>
        <source>上联未交回：{n}</source>
        <translation>Upper part not returned: {n}</translation>
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
