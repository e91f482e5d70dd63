<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <location filename="../../desktop/gui/app.py" line="+39"/>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Newsroom could not open its database.

%1</source>
        <translation>新闻编辑室无法打开数据库。

%1</translation>
    </message>
</context>
<context>
    <name>ArticleForm</name>
    <message>
        <location filename="../../desktop/gui/article_form.py" line="+55"/>
        <source>Kicker above the title (optional)</source>
        <translation>标题上方的引题（可选）</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+30"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Subtitle, often starting with ——</source>
        <translation>副标题，常以“——”开头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick or type a column</source>
        <translation>选择或输入栏目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contributing department or author</source>
        <translation>供稿部门或作者</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+23"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Keywords, separated by commas</source>
        <translation>关键词，以逗号分隔</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Summary shown in lists and search results</source>
        <translation>摘要，显示在列表和搜索结果中</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Kicker</source>
        <translation>引题</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Column</source>
        <translation>栏目</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Subtitle</source>
        <translation>副标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Published</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keywords</source>
        <translation>关键词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
</context>
<context>
    <name>ArticleListPane</name>
    <message>
        <location filename="../../desktop/gui/article_list.py" line="+65"/>
        <source>Search title, body, byline…</source>
        <extracomment>Pause in typing after which the search runs: one query per word, not per keystroke. After a sort or filter change, fetch at most this many rows to keep the current article. The user moved to another article (click or keyboard); carries its id. The user asked for a new article. The user asked to duplicate the article with this id. The user asked to delete the article with this id.</extracomment>
        <translation>搜索标题、正文、作者…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+91"/>
        <source>All columns</source>
        <translation>全部栏目</translation>
    </message>
    <message>
        <location line="-82"/>
        <source>New Article</source>
        <translation>新建稿件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicate</source>
        <translation>创建副本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+197"/>
        <source>Articles: …</source>
        <translation>共 … 篇</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Articles: %Ln</source>
        <translation>
            <numerusform>共 %Ln 篇</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ArticleTableModel</name>
    <message>
        <location filename="../../desktop/gui/article_list_model.py" line="+119"/>
        <source>Title</source>
        <extracomment>Errors a listing can raise when the database is busy, locked or damaged. Table columns the store can order by; 栏目 and 状态 have no index to sort on. The number of articles matching the filter changed (after a save, delete or reload). The store could not be read; the message is meant for the user.</extracomment>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Column</source>
        <comment>the website section (栏目) of an article</comment>
        <translation>栏目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Published</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated</source>
        <translation>修改时间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The list cannot be sorted by this column</source>
        <translation>列表不能按此列排序</translation>
    </message>
    <message>
        <location line="+385"/>
        <source>Cannot read the article list: %1</source>
        <translation>无法读取稿件列表：%1</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../../desktop/gui/dialogs.py" line="+23"/>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“%1” has changes that are not saved yet.</source>
        <translation>“%1”有尚未保存的修改。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save them before going on?</source>
        <translation>是否先保存修改再继续？</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Move to trash</source>
        <translation>移到回收站</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move “%1” to the trash? It can be restored from there.</source>
        <translation>确定将“%1”移到回收站吗？之后可以从回收站恢复。</translation>
    </message>
</context>
<context>
    <name>EditorPane</name>
    <message>
        <location filename="../../desktop/gui/editor_pane.py" line="+47"/>
        <source>Formatting</source>
        <extracomment>Anything in the article changed (a field or the body).</extracomment>
        <translation>格式</translation>
    </message>
    <message>
        <location line="+45"/>
        <location line="+8"/>
        <source>Paragraph</source>
        <translation>正文</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Heading 1</source>
        <translation>标题 1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heading 2</source>
        <translation>标题 2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heading 3</source>
        <translation>标题 3</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Heading %1</source>
        <translation>标题 %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Bold</source>
        <translation>加粗</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Italic</source>
        <translation>倾斜</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Strikethrough</source>
        <translation>删除线</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Bullets</source>
        <translation>项目符号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Numbering</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quote</source>
        <translation>引用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Link…</source>
        <translation>链接…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rule</source>
        <translation>分隔线</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+19"/>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Insert table…</source>
        <translation>插入表格…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Insert row below</source>
        <translation>在下方插入行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Insert column right</source>
        <translation>在右侧插入列</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove row</source>
        <translation>删除行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove column</source>
        <translation>删除列</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Clear formatting</source>
        <translation>清除格式</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Find…</source>
        <translation>查找…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Replace…</source>
        <translation>替换…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Markdown source</source>
        <translation>Markdown 源码</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show and edit the article as Markdown</source>
        <translation>以 Markdown 源码查看和编辑稿件</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Insert link</source>
        <translation>插入链接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Web address:</source>
        <translation>网址：</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+4"/>
        <source>Insert table</source>
        <translation>插入表格</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Rows:</source>
        <translation>行数：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Columns:</source>
        <translation>列数：</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../desktop/gui/find_bar.py" line="+30"/>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Replace with</source>
        <translation>替换为</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Match case</source>
        <translation>区分大小写</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace all</source>
        <translation>全部替换</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
    <message numerus="yes">
        <location line="+45"/>
        <source>%n replaced</source>
        <translation>
            <numerusform>已替换 %n 处</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="+104"/>
        <source>&amp;New article</source>
        <extracomment>Quiet time after a keystroke before the preview is asked for a new page. The body is turned into Markdown on the GUI thread (a few ms for a long article); rendering then runs on the preview&apos;s worker thread and is patched into the loaded page.</extracomment>
        <translation>新建稿件(&amp;N)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Duplicate article</source>
        <translation>创建副本(&amp;D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move to &amp;trash…</source>
        <translation>移到回收站(&amp;T)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site &amp;settings…</source>
        <translation>网站设置(&amp;W)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Preview at &amp;desktop width</source>
        <translation>按电脑宽度预览(&amp;D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preview at &amp;phone width</source>
        <translation>按手机宽度预览(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Newsroom</source>
        <translation>关于新闻编辑室(&amp;A)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>F&amp;ormat</source>
        <translation>格式(&amp;O)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+126"/>
        <location line="+17"/>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>The article needs a title.</source>
        <translation>请先填写稿件标题。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Changed elsewhere</source>
        <translation>稿件已在别处修改</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This article was saved from another window or computer after you opened it. Your text is still in the editor and was not saved; copy what you need, then reopen the article.</source>
        <translation>您打开这篇稿件后，它已在其他窗口或电脑上被保存。您的文字仍在编辑器中，但没有保存；请复制需要的内容，然后重新打开这篇稿件。</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+106"/>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>Untitled article</source>
        <translation>无标题稿件</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 (copy)</source>
        <translation>%1（副本）</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Cannot move to trash</source>
        <translation>无法移到回收站</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Cannot save the settings</source>
        <translation>无法保存设置</translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>%n characters</source>
        <translation>
            <numerusform>字数：%n</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Newsroom</source>
        <translation>新闻编辑室</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>About Newsroom</source>
        <translation>关于新闻编辑室</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Newsroom %1
Write, check and export your organisation&apos;s news website.</source>
        <translation>新闻编辑室 %1
编写、校对和导出本单位新闻网站的稿件。</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <location filename="../../desktop/gui/preview.py" line="+286"/>
        <source>Desktop</source>
        <extracomment>Width of the phone preview in CSS pixels (a common phone&apos;s viewport). Width the site&apos;s desktop layout needs (``--width`` in site.css); narrower panes zoom out. Below this zoom text gets unreadable; the page&apos;s fluid layout takes over instead. Quiet time after the last keystroke before rendering; with ~1.5 ms to render and ~5 ms to patch, a keystroke shows in under 100 ms. During non-stop typing, update at least this often rather than wait for a pause. If the page neither finishes loading nor answers a patch by then (a crashed renderer), give up on that update so later ones are not stuck behind it. Produces the page to show; called on the worker thread, so it must not touch widgets. The page of this request generation is now on screen (after load or patch). Rendering or showing an update failed; the message is for the user. The preview refused to fetch this URL (any scheme but our own). The user clicked a link in the page; the preview does not follow it. The desktop/phone width changed (from the pane&apos;s own toolbar or set_width_mode).</extracomment>
        <translation>电脑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the page as on a computer screen</source>
        <translation>按电脑屏幕显示页面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the page as on a mobile phone</source>
        <translation>按手机屏幕显示页面</translation>
    </message>
    <message>
        <location line="+120"/>
        <source>The preview could not be updated: {error}</source>
        <translation>预览无法更新：{error}</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>The preview could not show the page.</source>
        <translation>预览无法显示此页面。</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>The preview did not respond.</source>
        <translation>预览没有响应。</translation>
    </message>
</context>
<context>
    <name>SiteDialog</name>
    <message>
        <location filename="../../desktop/gui/site_dialog.py" line="+32"/>
        <source>Site name</source>
        <translation>网站名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site address (URL)</source>
        <translation>网站地址（URL）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sponsor (主办单位)</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Postal address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Postcode</source>
        <translation>邮编</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Telephone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ICP registration number</source>
        <translation>ICP 备案号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Public security registration number</source>
        <translation>公安备案号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Website identification code</source>
        <translation>网站标识码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Technical support</source>
        <translation>技术支持</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maintained by</source>
        <translation>网站维护</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copyright line</source>
        <translation>版权信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Articles per list page</source>
        <translation>列表每页稿件数</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Site settings</source>
        <translation>网站设置</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Header and footer</source>
        <translation>页头和页脚</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Columns (栏目), in the order of the columns bar</source>
        <translation>栏目（按导航栏中的顺序）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Folder name</source>
        <translation>目录名</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add column</source>
        <translation>添加栏目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>New column</source>
        <translation>新栏目</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../desktop/gui/labels.py" line="+13"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved</source>
        <translation>已审核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Published</source>
        <translation>已发布</translation>
    </message>
</context>
</TS>
